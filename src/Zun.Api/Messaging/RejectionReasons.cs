using Zun.Api.Errors;
using Zun.Client;

namespace Zun.Api.Messaging;

/// <summary>
/// The conductor says why it refused in words (an unknown container, an action not valid in the status, an
/// invalid field, a quota exceeded); the API answers with the status upstream gives each kind.
/// </summary>
internal static class RejectionReasons
{
    public static ApiException ToApiException(string reason)
    {
        // Upstream's OverQuota: 403, its code derived from the exception's name as upstream derives it.
        if (reason.StartsWith("quota exceeded for ", StringComparison.Ordinal))
            return new ApiException(StatusCodes.Status403Forbidden, reason, code: "container.over-quota");
        if (reason.StartsWith("only a caller acting for every project", StringComparison.Ordinal))
            return new ApiException(StatusCodes.Status403Forbidden, reason);
        if (reason.Contains(" not found", StringComparison.Ordinal))
            return ApiException.NotFound(reason);
        if ((reason.StartsWith("cannot ", StringComparison.Ordinal) && reason.Contains(" in status ", StringComparison.Ordinal))
            || reason.Contains("already exists", StringComparison.Ordinal)
            || reason.Contains("not placed on a host yet", StringComparison.Ordinal)
            || (reason.StartsWith("host ", StringComparison.Ordinal) && reason.Contains(" is down", StringComparison.Ordinal)))
            return ApiException.Conflict(reason);
        return ApiException.BadRequest(reason);
    }

    /// <summary>The answer's value, or the conductor's refusal as the HTTP error it is.</summary>
    /// <exception cref="ApiException">The conductor did not answer with a value.</exception>
    public static T ValueOf<T>(QueryResult<T> answer)
        where T : class =>
        answer.Found ? answer.Value : throw ToApiException(answer.Reason ?? "refused");
}
