using Microsoft.Extensions.Options;
using Zun.Api.Identity;
using Zun.Api.Options;

namespace Zun.Api.Policy;

/// <summary>
/// The rules in force for the process: upstream's defaults, overridden by name from <c>Zun:Api:PolicyFile</c>, read
/// once at start. Endpoints ask through <see cref="For"/>, which binds the rules to one request's caller.
/// </summary>
internal sealed partial class PolicyEnforcer
{
    private readonly ILogger<PolicyEnforcer> _logger;

    [ActivatorUtilitiesConstructor]
    public PolicyEnforcer(IOptions<ApiOptions> options, ILogger<PolicyEnforcer> logger)
        : this(Load(options.Value.PolicyFile, logger), logger)
    {
    }

    public PolicyEnforcer(PolicyRuleSet rules, ILogger<PolicyEnforcer> logger)
    {
        Rules = rules;
        _logger = logger;
    }

    public PolicyRuleSet Rules { get; }

    /// <summary>The rules as they apply to <paramref name="caller"/>; <paramref name="requestId"/> goes into the log of a denial.</summary>
    public CallerPolicy For(RequestIdentity caller, string requestId) => new(this, caller, Rules.CredentialsOf(caller), requestId);

    internal void Denied(string rule, RequestIdentity caller, string requestId) =>
        LogDenied(_logger, rule, caller.UserId ?? "", caller.ProjectId, requestId);

    /// <exception cref="PolicyFileException">The file is missing, does not parse, or its rules refer to each other in a loop.</exception>
    private static PolicyRuleSet Load(string? path, ILogger logger)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            LogDefaults(logger, PolicyRuleSet.Defaults.Names.Count());
            return PolicyRuleSet.Defaults;
        }

        var fullPath = Path.GetFullPath(path);
        var entries = PolicyFile.ReadEntries(fullPath);
        var overrides = PolicyFile.Parse(fullPath, entries);
        foreach (var unknown in entries.Where(e => !PolicyRuleSet.Defaults.Defines(e.Name)))
            LogUnknownRule(logger, unknown.Name, fullPath, unknown.Line);

        PolicyRuleSet rules;
        try
        {
            rules = PolicyRuleSet.Defaults.With(overrides);
        }
        catch (PolicyCycleException e)
        {
            var line = entries.FirstOrDefault(en => e.Cycle.Contains(en.Name))?.Line ?? 0;
            throw new PolicyFileException(fullPath, line, e.Message);
        }

        foreach (var (rule, missing) in rules.UndefinedReferences())
            LogUndefinedReference(logger, rule, missing);
        LogOverridden(logger, fullPath, overrides.Count);
        return rules;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Policy: upstream Zun's {Count} default rules (no Zun:Api:PolicyFile)")]
    private static partial void LogDefaults(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Policy: upstream Zun's default rules, {Count} of them set by {Path}")]
    private static partial void LogOverridden(ILogger logger, string path, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Policy file {Path} line {Line}: '{Rule}' is not a rule Zun knows; no request checks it (rule:{Rule} can refer to it)")]
    private static partial void LogUnknownRule(ILogger logger, string rule, string path, long line);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Policy rule '{Rule}' refers to rule:{Missing}, which no rule defines: that check always fails")]
    private static partial void LogUndefinedReference(ILogger logger, string rule, string missing);

    [LoggerMessage(Level = LogLevel.Information, Message = "Policy denied {Rule} to user '{UserId}' of project '{ProjectId}' ({RequestId})")]
    private static partial void LogDenied(ILogger logger, string rule, string userId, string projectId, string requestId);
}
