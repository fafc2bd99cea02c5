using System.Net;
using System.Text.Json.Nodes;

namespace Zun.Testing;

/// <summary>
/// The real Keystone that deploy/local/services.sh starts, driven through its v3 API as its admin: the tests and the
/// bench make projects and users of their own, issue their tokens and point catalog entries at their own zun-api.
/// </summary>
public sealed class KeystoneAdmin
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(60) };

    private string? _adminToken;

    private KeystoneAdmin(IReadOnlyDictionary<string, string> credentials)
    {
        Url = credentials["KEYSTONE_URL"];
        AdminPassword = credentials["KEYSTONE_ADMIN_PASSWORD"];
        ZunPassword = credentials["KEYSTONE_ZUN_PASSWORD"];
    }

    /// <summary>Identity v3, e.g. http://127.0.0.1:35357/v3.</summary>
    public string Url { get; }

    public string AdminPassword { get; }

    /// <summary>The password of Zun's service user <c>zun</c> (admin on project <c>service</c>).</summary>
    public string ZunPassword { get; }

    /// <summary>Where services.sh keeps Keystone's configuration, database and the credentials it made.</summary>
    public static string StateDirectory =>
        Path.Combine(Environment.GetEnvironmentVariable("ZUN_STATE_DIR") is { Length: > 0 } dir ? dir : "/var/lib/zun-local", "keystone");

    /// <summary>The credentials services.sh wrote; failing plainly when Keystone was never set up here.</summary>
    public static KeystoneAdmin FromLocalDeployment()
    {
        var file = Path.Combine(StateDirectory, "credentials.env");
        if (!File.Exists(file))
            throw new InvalidOperationException($"{file} does not exist: run deploy/local/services.sh, which starts Keystone");
        var values = File.ReadAllLines(file).Where(l => l.Contains('=')).ToDictionary(l => l[..l.IndexOf('=')], l => l[(l.IndexOf('=') + 1)..]);
        return new KeystoneAdmin(values);
    }

    /// <summary>The settings that put zun-api in Keystone mode against this Keystone, as Zun's service user.</summary>
    public Dictionary<string, string?> ApiSettings(int tokenCacheSeconds) => new()
    {
        ["Zun:Api:Auth"] = "keystone",
        ["Zun:Api:Keystone:Url"] = Url,
        ["Zun:Api:Keystone:Username"] = "zun",
        ["Zun:Api:Keystone:Password"] = ZunPassword,
        ["Zun:Api:Keystone:Project"] = "service",
        ["Zun:Api:Keystone:TokenCacheSeconds"] = tokenCacheSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>A token and what Keystone says of it.</summary>
    public async Task<(string Token, JsonNode Body)> IssueTokenAsync(string user, string password, string project, string? keystoneUrl = null)
    {
        var auth = new JsonObject
        {
            ["auth"] = new JsonObject
            {
                ["identity"] = new JsonObject
                {
                    ["methods"] = new JsonArray("password"),
                    ["password"] = new JsonObject { ["user"] = new JsonObject { ["name"] = user, ["domain"] = new JsonObject { ["id"] = "default" }, ["password"] = password } },
                },
                ["scope"] = new JsonObject { ["project"] = new JsonObject { ["name"] = project, ["domain"] = new JsonObject { ["id"] = "default" } } },
            },
        };
        using var response = await Http.PostAsync($"{keystoneUrl ?? Url}/auth/tokens", Json(auth));
        var text = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.Created)
            throw new InvalidOperationException($"Keystone issued no token to {user}: {(int)response.StatusCode} {text}");
        return (response.Headers.GetValues("X-Subject-Token").First(), JsonNode.Parse(text)!["token"]!);
    }

    /// <summary>A new project with a new user holding <paramref name="role"/> on it.</summary>
    public async Task<KeystoneUser> CreateProjectMemberAsync(string role = "member")
    {
        var suffix = Guid.NewGuid().ToString("N")[..10];
        var project = await CreateAsync("projects", "project", new JsonObject { ["name"] = $"zun-test-{suffix}", ["domain_id"] = "default" });
        var password = Guid.NewGuid().ToString("N");
        var user = await CreateAsync("users", "user", new JsonObject { ["name"] = $"zun-user-{suffix}", ["domain_id"] = "default", ["password"] = password });
        var roleId = (await SendAsync(HttpMethod.Get, $"roles?name={role}"))!["roles"]![0]!["id"]!.GetValue<string>();
        await SendAsync(HttpMethod.Put, $"projects/{project["id"]}/users/{user["id"]}/roles/{roleId}");
        return new KeystoneUser(user["id"]!.GetValue<string>(), user["name"]!.GetValue<string>(), password, project["id"]!.GetValue<string>(), project["name"]!.GetValue<string>());
    }

    public Task DeleteUserAsync(KeystoneUser user) => SendAsync(HttpMethod.Delete, $"users/{user.UserId}");

    /// <summary>
    /// Points the <c>container</c> service's public endpoint in <paramref name="region"/> at <paramref name="v1Url"/>,
    /// so that the CLIs find this test's zun-api through the catalog as they find a deployment's.
    /// </summary>
    public async Task RegisterZunEndpointAsync(string region, string v1Url)
    {
        var service = (await SendAsync(HttpMethod.Get, "services?type=container"))!["services"]![0]!["id"]!.GetValue<string>();
        if ((await SendAsync(HttpMethod.Get, $"regions/{region}", allowNotFound: true)) is null)
            await CreateAsync("regions", "region", new JsonObject { ["id"] = region });
        foreach (var stale in (await SendAsync(HttpMethod.Get, $"endpoints?service_id={service}&region_id={region}"))!["endpoints"]!.AsArray())
            await SendAsync(HttpMethod.Delete, $"endpoints/{stale!["id"]}");
        await CreateAsync("endpoints", "endpoint", new JsonObject { ["service_id"] = service, ["interface"] = "public", ["region_id"] = region, ["url"] = v1Url });
    }

    // With a length, not chunked: uwsgi's plain HTTP socket reads no chunked bodies.
    private static StringContent Json(JsonObject body) => new(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json");

    private async Task<JsonNode> CreateAsync(string collection, string member, JsonObject body) =>
        (await SendAsync(HttpMethod.Post, collection, new JsonObject { [member] = body }))![member]!;

    private async Task<JsonNode?> SendAsync(HttpMethod method, string path, JsonObject? body = null, bool allowNotFound = false)
    {
        // Admin tokens last an hour, far longer than a test run.
        var token = _adminToken ??= (await IssueTokenAsync("admin", AdminPassword, "admin")).Token;
        using var request = new HttpRequestMessage(method, $"{Url}/{path}") { Content = body is null ? null : Json(body) };
        request.Headers.Add("X-Auth-Token", token);
        using var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (allowNotFound && response.StatusCode == HttpStatusCode.NotFound)
            return null;
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"Keystone {method} {path}: {(int)response.StatusCode} {text}");
        return text.Length == 0 ? null : JsonNode.Parse(text);
    }
}

/// <summary>A Keystone user of the tests' own, member of a project of the tests' own.</summary>
public sealed record KeystoneUser(string UserId, string UserName, string Password, string ProjectId, string ProjectName);
