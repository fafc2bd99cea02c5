using System.Net;
using Docker.DotNet;

namespace Zun.Worker.Runtime;

/// <summary>
/// A pause that the kernel's freezer could not complete ("unable to freeze": a process of the container did not stop
/// in time, as on a loaded host) is tried again, a few times: runc thaws the container when the freeze fails, so it is
/// still running as it was, and a second try usually freezes it. Seen in the suite's concurrent-commands test.
/// </summary>
internal static class PauseRetry
{
    public const int Attempts = 3;

    public static readonly TimeSpan Backoff = TimeSpan.FromMilliseconds(200);

    public static bool IsTransient(DockerApiException refusal) =>
        refusal.StatusCode == HttpStatusCode.InternalServerError
        && refusal.ResponseBody?.Contains("unable to freeze", StringComparison.OrdinalIgnoreCase) == true;

    public static async Task RunAsync(Func<Task> pause, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await pause();
                return;
            }
            catch (DockerApiException refusal) when (attempt < Attempts && IsTransient(refusal))
            {
                await Task.Delay(Backoff * attempt, cancellationToken);
            }
        }
    }
}
