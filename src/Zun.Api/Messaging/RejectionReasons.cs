using Zun.Api.Errors;

namespace Zun.Api.Messaging;

/// <summary>
/// The conductor says why it refused in words (an unknown container, an action not valid in the status, an
/// invalid field); the API answers with the status upstream gives each kind.
/// </summary>
internal static class RejectionReasons
{
    public static ApiException ToApiException(string reason)
    {
        if (reason.Contains(" not found", StringComparison.Ordinal))
            return ApiException.NotFound(reason);
        if ((reason.StartsWith("cannot ", StringComparison.Ordinal) && reason.Contains(" in status ", StringComparison.Ordinal))
            || reason.Contains("already exists", StringComparison.Ordinal)
            || reason.Contains("not placed on a host yet", StringComparison.Ordinal)
            || (reason.StartsWith("host ", StringComparison.Ordinal) && reason.Contains(" is down", StringComparison.Ordinal)))
            return ApiException.Conflict(reason);
        return ApiException.BadRequest(reason);
    }
}
