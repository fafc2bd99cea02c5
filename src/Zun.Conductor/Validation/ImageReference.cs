using System.Text.RegularExpressions;
using Zun.Hosting;

namespace Zun.Conductor.Validation;

/// <summary>
/// An image reference as Docker reads it, after the grammar of distribution/reference:
/// <c>[domain/]path[:tag][@digest]</c>, where the domain is a host name, IPv4 or bracketed IPv6 address with an optional
/// port, the path is lowercase components separated by <c>/</c>, and the whole name is at most 255 characters. Checked
/// here so that a reference Docker would refuse is refused before it reaches a host, saying what is wrong with it.
/// </summary>
internal sealed partial record ImageReference(string? Domain, string Path, string? Tag, string? Digest)
{
    /// <summary>Docker refuses a name (domain and path) longer than this.</summary>
    public const int MaxNameLength = 255;

    public const int MaxTagLength = 128;

    // The digests Docker verifies, with the length of their hex part.
    private static readonly Dictionary<string, int> DigestLengths = new(StringComparer.Ordinal)
    {
        ["sha256"] = 64,
        ["sha384"] = 96,
        ["sha512"] = 128,
    };

    /// <summary>Reads a reference; <paramref name="problem"/> says what is wrong when it is none.</summary>
    public static ImageReference? Parse(string text, out string? problem)
    {
        problem = CharactersProblem(text);
        if (problem is not null)
            return null;

        var (rest, digest) = SplitLast(text, '@', after: null);
        var (name, tag) = SplitLast(rest, ':', after: '/');
        problem = (digest is null ? null : DigestProblem(digest)) ?? (tag is null ? null : TagProblem(tag)) ?? NameProblem(name);
        if (problem is not null)
            return null;

        var (domain, path) = SplitDomain(name);
        problem = (domain is null ? null : DomainProblem(domain)) ?? PathProblem(path)
            ?? (domain is null && tag is null && digest is null && HexId().IsMatch(path)
                ? "a 64-character hexadecimal string is an image id, not a name"
                : null);
        return problem is null ? new ImageReference(domain, path, tag, digest) : null;
    }

    /// <summary>Null when <paramref name="tag"/> is a tag Docker accepts; otherwise why not.</summary>
    public static string? TagProblem(string tag) =>
        tag.Length == 0 ? "the tag is empty"
        : tag.Length > MaxTagLength ? $"the tag is longer than {MaxTagLength} characters"
        : TagPattern().IsMatch(tag) ? null
        : "the tag may hold only letters, digits, '_', '.' and '-', and must not start with '.' or '-'";

    private static string? CharactersProblem(string text) =>
        text.Length == 0 ? "it is empty"
        : text.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)) ? "it contains whitespace or control characters"
        : null;

    private static string? NameProblem(string name) =>
        name.Length == 0 ? "it has no name"
        : name.Length > MaxNameLength ? $"the name is longer than {MaxNameLength} characters"
        : null;

    private static string? DigestProblem(string digest)
    {
        var (algorithm, hex) = SplitLast(digest, ':', after: null);
        if (hex is null || !DigestAlgorithm().IsMatch(algorithm))
            return "the digest is not algorithm:hex (sha256:<64 hex digits>)";
        if (!DigestLengths.TryGetValue(algorithm, out var length))
            return $"the digest algorithm {Quoted.Value(algorithm)} is not one of {string.Join(", ", DigestLengths.Keys)}";
        return hex.Length == length && LowercaseHex().IsMatch(hex) ? null : $"a {algorithm} digest is {length} lowercase hex digits";
    }

    /// <summary>
    /// As Docker splits it: the first component is a registry when there is more than one and it looks like a host
    /// (a dot, a port, <c>localhost</c>, or capitals, which a path never has).
    /// </summary>
    private static (string? Domain, string Path) SplitDomain(string name)
    {
        var slash = name.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0)
            return (null, name);

        var first = name[..slash];
        var isDomain = first.Contains('.', StringComparison.Ordinal) || first.Contains(':', StringComparison.Ordinal)
            || first == "localhost" || first.Any(char.IsAsciiLetterUpper);
        return isDomain ? (first, name[(slash + 1)..]) : (null, name);
    }

    private static string? DomainProblem(string domain) =>
        DomainPattern().IsMatch(domain)
            ? null
            : $"the registry {Quoted.Value(domain)} is not a host name, IPv4 or [IPv6] address with an optional :port";

    private static string? PathProblem(string path)
    {
        foreach (var component in path.Split('/'))
        {
            if (component.Length == 0)
                return "the name has an empty path component (a leading, trailing or doubled '/')";
            if (PathComponent().IsMatch(component))
                continue;

            return component.Any(char.IsAsciiLetterUpper)
                ? "the repository name must be lowercase"
                : $"the path component {Quoted.Value(component)} is not lowercase letters and digits separated by '.', '_', '__' or dashes";
        }

        return null;
    }

    /// <summary>Splits at the last <paramref name="separator"/>, unless <paramref name="after"/> comes later.</summary>
    private static (string Before, string? After) SplitLast(string text, char separator, char? after)
    {
        var at = text.LastIndexOf(separator);
        return at < 0 || (after is { } c && text.LastIndexOf(c) > at) ? (text, null) : (text[..at], text[(at + 1)..]);
    }

    // Go's \w is ASCII only; .NET's is not, so the classes are spelled out. \z, not $: $ also matches before a final newline.
    [GeneratedRegex(@"^[A-Za-z0-9_][A-Za-z0-9_.-]*\z")]
    private static partial Regex TagPattern();

    [GeneratedRegex(@"^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*\z")]
    private static partial Regex PathComponent();

    [GeneratedRegex(@"^(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*|\[[a-fA-F0-9:]+\])(?::[0-9]+)?\z")]
    private static partial Regex DomainPattern();

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*\z")]
    private static partial Regex DigestAlgorithm();

    [GeneratedRegex(@"^[a-f0-9]+\z")]
    private static partial Regex LowercaseHex();

    [GeneratedRegex(@"^[a-f0-9]{64}\z")]
    private static partial Regex HexId();
}
