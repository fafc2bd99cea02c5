using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Docker.DotNet;

namespace Zun.Worker.Runtime;

/// <summary>
/// The one place an engine call fails. A refusal the caller names (a missing container, a taken name) becomes the
/// result it names; any other failure of the engine becomes a <see cref="ContainerRuntimeException"/> carrying the
/// engine's own words, transient when the engine could not be reached or did not answer, and marked
/// <see cref="ContainerRuntimeException.EngineUnreachable"/> when there was no engine to talk to.
/// </summary>
internal static class EngineCall
{
    /// <summary>The container the call names does not exist.</summary>
    public static readonly Func<DockerApiException, bool> NoSuchContainer = e => e is DockerContainerNotFoundException;

    /// <summary>
    /// The image the call names is not on the host. The client throws <see cref="DockerImageNotFoundException"/> for
    /// this 404 on image endpoints; a create answers the same 404, untyped, when its image is missing.
    /// </summary>
    public static readonly Func<DockerApiException, bool> NoSuchImage = e => e.StatusCode == HttpStatusCode.NotFound;

    /// <summary>
    /// The container an archive call names does not exist. Docker answers 404 too when only the path in it is missing, and
    /// the client throws the same <see cref="DockerContainerNotFoundException"/> for both: the engine's words tell them apart.
    /// </summary>
    public static readonly Func<DockerApiException, bool> NoSuchContainerOfArchive =
        e => e.StatusCode == HttpStatusCode.NotFound && (e.ResponseBody ?? "").Contains("No such container", StringComparison.Ordinal);

    /// <summary>Nothing is at the path the call names, or (for a call whose answer has no body) no container either.</summary>
    public static readonly Func<DockerApiException, bool> NotFound = e => e.StatusCode == HttpStatusCode.NotFound;

    /// <summary>The name the call asks for is taken.</summary>
    public static readonly Func<DockerApiException, bool> NameInUse = e => e.StatusCode == HttpStatusCode.Conflict;

    public static Task RunAsync(Func<Task> call) => RunAsync(Done(call));

    /// <summary>Runs <paramref name="call"/>; the refusal <paramref name="alreadyDone"/> names means there was nothing left to do.</summary>
    public static Task RunAsync(Func<Task> call, Func<DockerApiException, bool> alreadyDone) => RunAsync(Done(call), (alreadyDone, true));

    /// <summary>Runs a call about one container; that the container does not exist is answered with null.</summary>
    public static Task<T?> NullIfNoContainerAsync<T>(Func<Task<T>> call)
        where T : class =>
        // A Task<T> is no Task<T?>: awaiting the call inside a new lambda lets null be one of its results.
        RunAsync<T?>(async () => await call(), (NoSuchContainer, null));

    /// <summary>Runs <paramref name="call"/>; the first of <paramref name="answers"/> whose refusal matches gives the result.</summary>
    public static async Task<T> RunAsync<T>(Func<Task<T>> call, params (Func<DockerApiException, bool> Refused, T Result)[] answers)
    {
        try
        {
            return await call();
        }
        catch (Exception e) when (IsEngineFailure(e))
        {
            if (e is DockerApiException refusal)
            {
                foreach (var (refused, result) in answers)
                {
                    if (refused(refusal))
                        return result;
                }
            }

            throw Translate(e);
        }
    }

    /// <summary>
    /// Runs a call that only ends when it fails or is stopped, such as the event stream's reading loop, and returns its
    /// failure for the reader to raise. A cancellation that <paramref name="stopping"/> did not ask for means the engine
    /// dropped the connection.
    /// </summary>
    public static async Task<ContainerRuntimeException?> FailureOfAsync(Func<Task> call, CancellationToken stopping)
    {
        try
        {
            await call();
            return null;
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            return null;
        }
        catch (Exception e) when (IsEngineFailure(e) || e is OperationCanceledException)
        {
            return Translate(e);
        }
    }

    private static Func<Task<bool>> Done(Func<Task> call) => async () =>
    {
        await call();
        return true;
    };

    private static bool IsEngineFailure(Exception e) =>
        e is DockerApiException or HttpRequestException or IOException or TimeoutException or JsonException
        || (e is TaskCanceledException && e.InnerException is TimeoutException);

    private static ContainerRuntimeException Translate(Exception e) => e switch
    {
        DockerApiException api => new ContainerRuntimeException(EngineMessage(api), isTransient: false, api),
        _ when LostConnection(e) => new ContainerRuntimeException($"Docker engine unreachable: {e.Message}", isTransient: true, e) { EngineUnreachable = true },
        _ => new ContainerRuntimeException($"Docker engine did not answer: {e.Message}", isTransient: true, e),
    };

    /// <summary>
    /// No answer came over the connection at all: it was refused or its socket is missing (the client reports both as a
    /// failed connect), or it closed before the answer, as when the engine stops in the middle of a call. A timeout or an
    /// unreadable answer came from an engine that is there.
    /// </summary>
    private static bool LostConnection(Exception e)
    {
        for (Exception? cause = e; cause is not null; cause = cause.InnerException)
        {
            if (cause is HttpRequestException or IOException or SocketException)
                return true;
        }

        return false;
    }

    /// <summary>
    /// The longest engine text a reason carries. The engine quotes what it was given (a command of 100 KB comes back
    /// whole in "executable file not found"), and the reason travels in every event and notification of the operation.
    /// </summary>
    public const int MaxEngineMessageLength = 1024;

    /// <summary>The engine's own error text, from the JSON body it answers with, cut to <see cref="MaxEngineMessageLength"/>.</summary>
    private static string EngineMessage(DockerApiException e)
    {
        var text = EngineText(e);
        return text.Length <= MaxEngineMessageLength ? text : $"{text[..MaxEngineMessageLength]}... ({text.Length} characters in all)";
    }

    private static string EngineText(DockerApiException e)
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
