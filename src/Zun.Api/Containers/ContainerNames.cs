using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace Zun.Api.Containers;

/// <summary>Container names as upstream allows them, and the generated ones (<c>zeta-22-container</c>) a create without a name gets.</summary>
internal static partial class ContainerNames
{
    private static readonly string[] Letters =
        ["alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa", "lambda", "mu",
         "nu", "xi", "omicron", "pi", "rho", "sigma", "tau", "upsilon", "phi", "chi", "psi", "omega"];

    public static string Generate() => $"{Letters[RandomNumberGenerator.GetInt32(Letters.Length)]}-{RandomNumberGenerator.GetInt32(100)}-container";

    public static bool IsValid(string name) => Pattern().IsMatch(name);

    [GeneratedRegex("^[a-zA-Z0-9][a-zA-Z0-9_.-]{1,254}$")]
    private static partial Regex Pattern();
}
