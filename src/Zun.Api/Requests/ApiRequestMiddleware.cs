using System.Diagnostics;
using Zun.Api.Errors;
using Zun.Api.Identity;
using Zun.Api.Versioning;
using Zun.Client;

namespace Zun.Api.Requests;

/// <summary>
/// The one place each request is prepared and its errors are answered: a request id on every response, trailing
/// slashes dropped (tempest sends them), the microversion negotiated and the identity resolved under v1, and any
/// failure, thrown or a bare status, turned into upstream's error document.
/// </summary>
internal sealed partial class ApiRequestMiddleware(RequestDelegate next, IRequestIdentitySource identities, ILogger<ApiRequestMiddleware> logger)
{
    public const string RequestIdHeader = "x-openstack-request-id";

    public async Task InvokeAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await Serve(context);
        }
        finally
        {
            LogServed(logger, context.Request.Method, context.Request.Path, context.Response.StatusCode,
                Stopwatch.GetElapsedTime(started).TotalMilliseconds, ApiRequest.Of(context)?.RequestIdHeader ?? "");
        }
    }

    private async Task Serve(HttpContext context)
    {
        var request = new ApiRequest { RequestId = Guid.NewGuid() };
        context.Features.Set(request);
        context.Response.Headers[RequestIdHeader] = request.RequestIdHeader;

        var path = context.Request.Path.Value ?? "/";
        if (path.Length > 1 && path.EndsWith('/'))
            context.Request.Path = path.TrimEnd('/') is { Length: > 0 } trimmed ? trimmed : "/";

        try
        {
            if (context.Request.Path.StartsWithSegments("/v1", out var resource))
            {
                request.Version = MicroversionNegotiation.Negotiate(context);

                // /v1 itself is a public document, as upstream's are: clients read it before they have a token.
                if (resource.HasValue)
                    request.Identity = await identities.ResolveAsync(context, context.RequestAborted);
            }

            await next(context);
            if (context.Response.StatusCode >= 400 && !context.Response.HasStarted && context.Response.ContentLength is null)
                await ErrorBody.WriteAsync(context, context.Response.StatusCode, BareStatusDetail(context));
        }
        catch (ApiException e) when (!context.Response.HasStarted)
        {
            await ErrorBody.WriteAsync(context, e.Status, e.Message, e.Code, e.Title);
        }
        catch (ZunTimeoutException e) when (!context.Response.HasStarted)
        {
            LogConductorSilent(logger, context.Request.Method, context.Request.Path, e.Message);
            await ErrorBody.WriteAsync(context, StatusCodes.Status503ServiceUnavailable,
                $"zun-conductor did not answer in time: {e.Message}", code: "container.conductor-unavailable");
        }
        catch (BadHttpRequestException e) when (!context.Response.HasStarted)
        {
            await ErrorBody.WriteAsync(context, e.StatusCode, e.Message);
        }
        catch (Exception e) when (!context.Response.HasStarted && e is not OperationCanceledException)
        {
            LogFailed(logger, e, context.Request.Method, context.Request.Path, request.RequestIdHeader);
            await ErrorBody.WriteAsync(context, StatusCodes.Status500InternalServerError,
                $"Your request could not be handled because of a problem in the server. Error Correlation id is: {request.RequestIdHeader}");
        }
    }

    private static string BareStatusDetail(HttpContext context) => context.Response.StatusCode switch
    {
        StatusCodes.Status404NotFound => $"The resource could not be found: {context.Request.Method} {context.Request.Path}",
        StatusCodes.Status405MethodNotAllowed => $"The method {context.Request.Method} is not allowed for {context.Request.Path}",
        var status => Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status),
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "{Method} {Path} {Status} in {Milliseconds:0.0} ms ({RequestId})")]
    private static partial void LogServed(ILogger logger, string method, string path, int status, double milliseconds, string requestId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Method} {Path}: the conductor did not answer: {Reason}")]
    private static partial void LogConductorSilent(ILogger logger, string method, string path, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Method} {Path} failed ({RequestId})")]
    private static partial void LogFailed(ILogger logger, Exception exception, string method, string path, string requestId);
}
