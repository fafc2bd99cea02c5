using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Zun.Api.Options;

namespace Zun.Api.Identity;

/// <summary>
/// Keystone's answers about tokens, kept briefly: a valid token for <see cref="KeystoneOptions.TokenCacheSeconds"/>
/// (never past its expiry), a refused one for <see cref="KeystoneOptions.InvalidTokenCacheSeconds"/>, and a failure
/// to ask never. Requests that arrive with the same unknown token while it is being validated share one call.
/// Tokens are kept by their SHA-256, not as themselves.
/// </summary>
internal sealed class KeystoneTokenCache(KeystoneClient keystone, IOptions<ApiOptions> options, TimeProvider time) : IDisposable
{
    private const int MaxEntries = 100_000;

    private readonly KeystoneOptions _options = options.Value.Keystone;
    private readonly MemoryCache _answers = new(new MemoryCacheOptions { SizeLimit = MaxEntries });
    private readonly ConcurrentDictionary<string, Lazy<Task<KeystoneToken?>>> _asking = new();

    /// <summary>The token's identity, or null when it is not valid.</summary>
    /// <exception cref="KeystoneUnavailableException">Keystone could not be asked.</exception>
    public async Task<KeystoneToken?> ValidateAsync(string token, CancellationToken cancellationToken)
    {
        var key = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
        if (_answers.TryGetValue(key, out Answer? known) && known is not null && (known.Token is null || known.Token.ExpiresAt > time.GetUtcNow()))
            return known.Token;

        var asking = _asking.GetOrAdd(key, _ => new Lazy<Task<KeystoneToken?>>(() => AskAsync(key, token)));
        try
        {
            return await asking.Value.WaitAsync(cancellationToken);
        }
        finally
        {
            _asking.TryRemove(KeyValuePair.Create(key, asking));
        }
    }

    public void Dispose() => _answers.Dispose();

    // Not cancelled by the first caller's request: the others wait on the same answer. Keystone's timeout bounds it.
    private async Task<KeystoneToken?> AskAsync(string key, string token)
    {
        var answer = await keystone.ValidateAsync(token, CancellationToken.None);
        var now = time.GetUtcNow();
        var keepFor = answer is null
            ? TimeSpan.FromSeconds(_options.InvalidTokenCacheSeconds)
            : Min(TimeSpan.FromSeconds(_options.TokenCacheSeconds), answer.ExpiresAt - now);
        if (keepFor > TimeSpan.Zero)
            _answers.Set(key, new Answer(answer), new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = keepFor, Size = 1 });
        return answer;
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private sealed record Answer(KeystoneToken? Token);
}
