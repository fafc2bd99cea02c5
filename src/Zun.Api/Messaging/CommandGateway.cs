using Microsoft.Extensions.Options;
using Zun.Api.Errors;
using Zun.Api.Options;
using Zun.Client;

namespace Zun.Api.Messaging;

/// <summary>
/// Publishes a command and turns the conductor's answer into the HTTP one: accepted is the caller's 202; a
/// rejection is 404, 409 or 400 by its reason; no answer in <c>Zun:Api:AcceptTimeoutSeconds</c> is 503.
/// </summary>
internal sealed class CommandGateway(ZunConnection zun, IOptions<ApiOptions> options)
{
    public async Task<OperationAcceptance> SubmitAsync(object command, CancellationToken cancellationToken)
    {
        var timeout = options.Value.AcceptTimeout;
        OperationAcceptance answer;
        try
        {
            answer = await zun.Client.SubmitAsync(command, timeout, cancellationToken);
        }
        catch (ZunTimeoutException)
        {
            throw ConductorSilent(timeout);
        }

        return answer.Accepted ? answer : throw RejectionReasons.ToApiException(answer.Reason);
    }

    /// <summary>Publishes a command and waits for its outcome, for the calls upstream answers only once done (PATCH, rename).</summary>
    public async Task<OperationOutcome> ExecuteAsync(object command, CancellationToken cancellationToken)
    {
        var timeout = options.Value.QueryTimeout;
        OperationOutcome outcome;
        try
        {
            outcome = await zun.Client.ExecuteAsync(command, new WaitOptions { Timeout = timeout }, cancellationToken);
        }
        catch (ZunTimeoutException)
        {
            throw ConductorSilent(timeout);
        }

        return outcome.State switch
        {
            Contracts.OperationState.Completed => outcome,
            Contracts.OperationState.Rejected => throw RejectionReasons.ToApiException(outcome.Reason ?? "rejected"),
            _ => throw new ApiException(StatusCodes.Status500InternalServerError, $"{outcome.Action} {outcome.State}: {outcome.Reason}"),
        };
    }

    private static ApiException ConductorSilent(TimeSpan timeout) =>
        new(StatusCodes.Status503ServiceUnavailable,
            $"zun-conductor did not accept or reject the request within {timeout.TotalSeconds:0.#} s; is zun-conductor running?",
            code: "container.conductor-unavailable");
}
