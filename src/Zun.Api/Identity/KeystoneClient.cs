using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Zun.Api.Options;

namespace Zun.Api.Identity;

/// <summary>
/// Keystone's identity v3 token API, as keystonemiddleware uses it: Zun's service user gets a token of its own
/// (<c>POST /v3/auth/tokens</c>) and shows it beside each caller's (<c>GET /v3/auth/tokens</c> with
/// <c>X-Subject-Token</c>). Neither token nor the password is ever logged or put in an exception's message.
/// </summary>
internal sealed class KeystoneClient(IHttpClientFactory clients, IOptions<ApiOptions> options, TimeProvider time) : IDisposable
{
    public const string HttpClientName = "keystone";

    private static readonly TimeSpan MaxRenewMargin = TimeSpan.FromMinutes(5);

    private readonly KeystoneOptions _keystone = options.Value.Keystone;
    private readonly SemaphoreSlim _renewing = new(1, 1);
    private ServiceToken? _serviceToken;

    public string IdentityUrl => _keystone.BaseUrl;

    /// <summary>The token's identity, or null when Keystone says it is not valid (unknown, expired, revoked).</summary>
    /// <exception cref="KeystoneUnavailableException">Keystone could not be asked or refused Zun's own user.</exception>
    public async Task<KeystoneToken?> ValidateAsync(string subjectToken, CancellationToken cancellationToken)
    {
        var serviceToken = await ServiceTokenAsync(rejected: null, cancellationToken);
        using var response = await SendValidation(serviceToken, subjectToken, cancellationToken);
        if (response.StatusCode == HttpStatusCode.Unauthorized)
        {
            // Zun's own token stopped being valid before its time (Keystone restarted with new keys, or it was revoked).
            serviceToken = await ServiceTokenAsync(rejected: serviceToken, cancellationToken);
            using var retried = await SendValidation(serviceToken, subjectToken, cancellationToken);
            return await ReadValidation(retried, cancellationToken);
        }

        return await ReadValidation(response, cancellationToken);
    }

    private async Task<HttpResponseMessage> SendValidation(string serviceToken, string subjectToken, CancellationToken cancellationToken)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"{_keystone.BaseUrl}/auth/tokens");
        request.Headers.Add("X-Auth-Token", serviceToken);
        request.Headers.TryAddWithoutValidation("X-Subject-Token", subjectToken);
        return await SendAsync(request, cancellationToken);
    }

    private async Task<KeystoneToken?> ReadValidation(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.BadRequest)
            return null;
        if (!response.IsSuccessStatusCode)
            throw Refused("validating a token", response.StatusCode);

        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken))?["token"]
            ?? throw new KeystoneUnavailableException($"Keystone at {_keystone.BaseUrl} answered a token validation without a token");
        return new KeystoneToken
        {
            UserId = body["user"]?["id"]?.GetValue<string>() ?? throw new KeystoneUnavailableException($"Keystone at {_keystone.BaseUrl} answered a token without a user"),
            UserName = body["user"]?["name"]?.GetValue<string>(),
            UserDomainId = body["user"]?["domain"]?["id"]?.GetValue<string>(),
            ProjectId = body["project"]?["id"]?.GetValue<string>(),
            ProjectName = body["project"]?["name"]?.GetValue<string>(),
            ProjectDomainId = body["project"]?["domain"]?["id"]?.GetValue<string>(),
            Roles = [.. (body["roles"]?.AsArray() ?? []).Select(r => r?["name"]?.GetValue<string>()).OfType<string>()],
            ExpiresAt = body["expires_at"]?.GetValue<DateTimeOffset>() ?? time.GetUtcNow(),
        };
    }

    /// <summary>Zun's own token: the one held while it is good and not the one Keystone just <paramref name="rejected"/>, else a new one.</summary>
    private async Task<string> ServiceTokenAsync(string? rejected, CancellationToken cancellationToken)
    {
        if (Usable(_serviceToken, rejected) is { } held)
            return held;

        await _renewing.WaitAsync(cancellationToken);
        try
        {
            // Another caller may have renewed it while this one waited.
            if (Usable(_serviceToken, rejected) is { } renewed)
                return renewed;
            _serviceToken = await IssueServiceTokenAsync(cancellationToken);
            return _serviceToken.Token;
        }
        finally
        {
            _renewing.Release();
        }
    }

    private string? Usable(ServiceToken? token, string? rejected) =>
        token is not null && token.Token != rejected && token.RenewAt > time.GetUtcNow() ? token.Token : null;

    private async Task<ServiceToken> IssueServiceTokenAsync(CancellationToken cancellationToken)
    {
        var auth = new JsonObject
        {
            ["auth"] = new JsonObject
            {
                ["identity"] = new JsonObject
                {
                    ["methods"] = new JsonArray("password"),
                    ["password"] = new JsonObject
                    {
                        ["user"] = new JsonObject
                        {
                            ["name"] = _keystone.Username,
                            ["domain"] = new JsonObject { ["name"] = _keystone.UserDomain },
                            ["password"] = _keystone.Password,
                        },
                    },
                },
                ["scope"] = new JsonObject
                {
                    ["project"] = new JsonObject { ["name"] = _keystone.Project, ["domain"] = new JsonObject { ["name"] = _keystone.ProjectDomain } },
                },
            },
        };
        var request = new HttpRequestMessage(HttpMethod.Post, $"{_keystone.BaseUrl}/auth/tokens")
        {
            Content = new StringContent(auth.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        using var response = await SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode || !response.Headers.TryGetValues("X-Subject-Token", out var tokens))
            throw Refused($"issuing a token to Zun's service user '{_keystone.Username}' (Zun:Api:Keystone)", response.StatusCode);

        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        var issuedAt = time.GetUtcNow();
        var expiresAt = body?["token"]?["expires_at"]?.GetValue<DateTimeOffset>() ?? issuedAt.AddMinutes(10);

        // Renewed well before it expires, so that no validation carries a stale one: five minutes early, or at half
        // its life when Keystone issues short ones.
        var margin = TimeSpan.FromTicks(Math.Min(MaxRenewMargin.Ticks, (expiresAt - issuedAt).Ticks / 2));
        return new ServiceToken(tokens.First(), expiresAt - margin);
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(_keystone.TimeoutSeconds));
        try
        {
            using (request)
                return await clients.CreateClient(HttpClientName).SendAsync(request, timeout.Token);
        }
        catch (HttpRequestException e)
        {
            throw new KeystoneUnavailableException($"Keystone at {_keystone.BaseUrl} could not be reached: {e.Message}", e);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new KeystoneUnavailableException($"Keystone at {_keystone.BaseUrl} did not answer within {_keystone.TimeoutSeconds} s", e);
        }
    }

    public void Dispose() => _renewing.Dispose();

    private KeystoneUnavailableException Refused(string what, HttpStatusCode status) =>
        new($"Keystone at {_keystone.BaseUrl} answered {(int)status} {status} {what}");

    private sealed record ServiceToken(string Token, DateTimeOffset RenewAt);
}
