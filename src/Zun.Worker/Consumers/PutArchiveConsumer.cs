using MassTransit;
using Microsoft.Extensions.Options;
using Zun.Contracts;
using Zun.Worker.Options;
using Zun.Worker.Runtime;

namespace Zun.Worker.Consumers;

/// <summary>
/// Extracts a tar archive into a directory of a container and answers the client with <see cref="ArchiveExtracted"/>;
/// an archive <see cref="ArchiveInput"/> refuses is answered <see cref="RequestRejected"/> before the engine sees it.
/// </summary>
internal sealed class PutArchiveConsumer(IContainerRuntime runtime, IOptions<WorkerOptions> options) : IConsumer<PutArchive>
{
    public async Task Consume(ConsumeContext<PutArchive> context)
    {
        var put = context.Message;
        var (archive, refusal) = ArchiveInput.Read(put.Data, options.Value.MaxArchiveBytes);
        if (archive is null)
        {
            await context.RespondAsync(new RequestRejected { ContainerId = put.ContainerId, Reason = refusal! });
            return;
        }

        // Extracting the same archive again leaves the same files: a transient failure may be retried.
        await ContainerQueryResponder.Answer(context, put.ContainerId, async ct =>
            await runtime.PutArchiveAsync(put.ContainerId, put.Path, archive.Tar, ct)
                ? new ArchiveExtracted { ContainerId = put.ContainerId, Path = put.Path, Size = archive.Tar.Length, Entries = archive.Entries }
                : null);
    }
}
