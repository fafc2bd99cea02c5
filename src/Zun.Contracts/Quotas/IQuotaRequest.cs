namespace Zun.Contracts;

/// <summary>
/// A question or change about a project's quotas, answered with <see cref="QuotaSet"/>, or with
/// <see cref="RequestRejected"/> saying why not. A project's quotas are seen by that project and by a caller acting for
/// every project; only such a caller (an administrator) changes any.
/// </summary>
public interface IQuotaRequest : ICallerScope;

/// <summary>A question or change about a quota class, answered with <see cref="QuotaClassSet"/> or <see cref="RequestRejected"/>; only for a caller acting for every project.</summary>
public interface IQuotaClassRequest : ICallerScope
{
    string ClassName { get; }
}
