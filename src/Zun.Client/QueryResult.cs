using System.Diagnostics.CodeAnalysis;

namespace Zun.Client;

/// <summary>The answer to a query about one container or operation: the value, "not found", or a rejection with its reason.</summary>
public sealed record QueryResult<T>
    where T : class
{
    public QueryStatus Status { get; init; }

    /// <summary>The answer when <see cref="Status"/> is <see cref="QueryStatus.Found"/>.</summary>
    public T? Value { get; init; }

    /// <summary>Why, when the request was not answered with a value.</summary>
    public string? Reason { get; init; }

    [MemberNotNullWhen(true, nameof(Value))]
    public bool Found => Status == QueryStatus.Found && Value is not null;

    internal static QueryResult<T> Of(T value) => new() { Status = QueryStatus.Found, Value = value };

    internal static QueryResult<T> NotFound(string reason) => new() { Status = QueryStatus.NotFound, Reason = reason };

    internal static QueryResult<T> Rejected(string reason) => new() { Status = QueryStatus.Rejected, Reason = reason };
}
