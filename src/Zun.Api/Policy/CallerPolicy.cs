using Zun.Api.Errors;
using Zun.Api.Identity;
using Zun.Contracts;

namespace Zun.Api.Policy;

/// <summary>
/// The rules as they apply to one request's caller. A check without a target is against the caller's own project
/// and user, as upstream checks a create or an action on no particular object.
/// </summary>
internal sealed class CallerPolicy
{
    private readonly PolicyEnforcer _enforcer;
    private readonly RequestIdentity _caller;
    private readonly PolicyCredentials _credentials;
    private readonly string _requestId;
    private readonly PolicyTarget _own;
    private readonly Dictionary<string, bool> _shownKeys = new(StringComparer.Ordinal);

    public CallerPolicy(PolicyEnforcer enforcer, RequestIdentity caller, PolicyCredentials credentials, string requestId)
    {
        _enforcer = enforcer;
        _caller = caller;
        _credentials = credentials;
        _requestId = requestId;
        _own = PolicyTarget.Owned(caller.ProjectId, caller.UserId);
    }

    /// <summary>Whether <c>context_is_admin</c> holds for the caller: upstream's <c>is_admin</c>, what acting for every project takes.</summary>
    public bool IsAdmin => _credentials.Values(PolicyCredentials.IsAdminAttribute) is ["True"];

    public bool Allows(string rule, PolicyTarget? target = null) => _enforcer.Rules.Allows(rule, _credentials, target ?? _own);

    /// <summary>Upstream's denial: a 403 saying <c>Policy doesn't allow &lt;rule&gt; to be performed.</c>, logged with the rule.</summary>
    /// <exception cref="ApiException">The rule does not allow it.</exception>
    public void Authorize(string rule, PolicyTarget? target = null)
    {
        if (Allows(rule, target))
            return;
        _enforcer.Denied(rule, _caller, _requestId);
        throw new ApiException(StatusCodes.Status403Forbidden, $"Policy doesn't allow {rule} to be performed.", code: "container.policy-not-authorized");
    }

    /// <summary>As <see cref="Authorize(string, PolicyTarget?)"/> with the container as the target: its project and user.</summary>
    /// <exception cref="ApiException">The rule does not allow it.</exception>
    public void Authorize(string rule, ContainerInfo container) => Authorize(rule, PolicyTarget.Owned(container.ProjectId, container.UserId));

    /// <summary>As <see cref="Authorize(string, PolicyTarget?)"/> where a rule of that name exists; no rule, no check (upstream's <c>might_not_exist</c>).</summary>
    public void AuthorizeIfDefined(string rule)
    {
        if (_enforcer.Rules.Defines(rule))
            Authorize(rule);
    }

    /// <summary>
    /// Whether the container view shows <paramref name="key"/> to the caller: unless a <c>container:get_one:&lt;key&gt;</c>
    /// rule exists and denies it. Answered once per key and request, however many containers a list shows.
    /// </summary>
    public bool ShowsContainerKey(string key)
    {
        if (!_shownKeys.TryGetValue(key, out var shown))
        {
            var rule = ZunRules.ShowKey(key);
            shown = !_enforcer.Rules.Defines(rule) || Allows(rule);
            _shownKeys[key] = shown;
        }

        return shown;
    }
}
