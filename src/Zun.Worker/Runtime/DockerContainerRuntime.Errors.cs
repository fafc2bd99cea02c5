using System.Text.Json;
using Docker.DotNet;

namespace Zun.Worker.Runtime;

/// <summary>How the engine's failures become <see cref="ContainerRuntimeException"/>s carrying the engine's own words.</summary>
internal sealed partial class DockerContainerRuntime
{
    private static async Task Call(Func<Task> call)
    {
        try
        {
            await call();
        }
        catch (Exception e) when (IsEngineFailure(e))
        {
            throw Translate(e);
        }
    }

    private static bool IsEngineFailure(Exception e) =>
        e is DockerApiException or HttpRequestException or IOException or TimeoutException or JsonException
        || (e is TaskCanceledException && e.InnerException is TimeoutException);

    private static ContainerRuntimeException Translate(Exception e) => e switch
    {
        DockerApiException api => new ContainerRuntimeException(EngineMessage(api), isTransient: false, api),
        _ => new ContainerRuntimeException($"Docker engine unreachable: {e.Message}", isTransient: true, e),
    };

    /// <summary>The engine's own error text, from the JSON body it answers with.</summary>
    private static string EngineMessage(DockerApiException e)
    {
        try
        {
            using var body = JsonDocument.Parse(e.ResponseBody ?? "");
            if (body.RootElement.TryGetProperty("message", out var message) && message.GetString() is { Length: > 0 } text)
                return text;
        }
        catch (JsonException)
        {
        }

        return string.IsNullOrWhiteSpace(e.ResponseBody) ? e.Message : e.ResponseBody.Trim();
    }
}
