using System.Net;
using System.Text.Json.Nodes;
using Zun.Api.Tests.Infrastructure;
using Zun.Testing;
using Zun.Contracts;

namespace Zun.Api.Tests;

/// <summary>zun-api in Keystone mode against the real Keystone of the local deployment, with users of the tests' own.</summary>
public sealed class KeystoneAuthTests(ApiZun zun)
{
    private readonly KeystoneAdmin _keystone = KeystoneAdmin.FromLocalDeployment();

    [Fact]
    public async Task Without_a_valid_token_a_request_is_401_saying_where_to_get_one_and_the_version_documents_stay_public()
    {
        await using var api = await ApiHost.StartAsync(zun.System.RabbitUrl, _keystone.ApiSettings(tokenCacheSeconds: 60));
        using var http = api.Client(token: null);

        using var none = await http.GetAsync("/v1/containers");
        var error = await none.Error(HttpStatusCode.Unauthorized);
        Assert.Contains("X-Auth-Token", error["detail"]!.GetValue<string>());
        Assert.Equal($"Keystone uri=\"{_keystone.Url[..^3]}\"", none.Headers.WwwAuthenticate.ToString());

        using var garbage = api.Client(token: "gAAAAABnot-a-token");
        using var refused = await garbage.GetAsync("/v1/containers");
        Assert.Contains("not valid", (await refused.Error(HttpStatusCode.Unauthorized))["detail"]!.GetValue<string>());

        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/v1")).StatusCode);
    }

    [Fact]
    public async Task A_members_token_acts_for_its_own_project_and_user()
    {
        var member = await _keystone.CreateProjectMemberAsync();
        var (token, _) = await _keystone.IssueTokenAsync(member.UserName, member.Password, member.ProjectName);
        await using var api = await ApiHost.StartAsync(zun.System.RabbitUrl, _keystone.ApiSettings(tokenCacheSeconds: 60));
        using var http = api.Client(token);

        var created = await http.CreateAsync(run: false);
        var id = Guid.Parse(created["uuid"]!.GetValue<string>());
        await zun.System.Reaches(id, ContainerStatus.Created);

        var shown = await (await http.GetAsync($"/v1/containers/{id}")).Body();
        Assert.Equal((member.ProjectId, member.UserId), (shown["project_id"]!.GetValue<string>(), shown["user_id"]!.GetValue<string>()));
        var listed = await (await http.GetAsync("/v1/containers")).Body();
        Assert.Equal([id.ToString("D")], listed["containers"]!.AsArray().Select(c => c!["uuid"]!.GetValue<string>()));
    }

    [Fact]
    public async Task A_members_token_asking_for_an_admin_only_thing_is_403_with_upstreams_message_and_an_admins_is_served()
    {
        var member = await _keystone.CreateProjectMemberAsync();
        var (memberToken, _) = await _keystone.IssueTokenAsync(member.UserName, member.Password, member.ProjectName);
        var (adminToken, _) = await _keystone.IssueTokenAsync("admin", _keystone.AdminPassword, "admin");
        await using var api = await ApiHost.StartAsync(zun.System.RabbitUrl, _keystone.ApiSettings(tokenCacheSeconds: 60));
        using var asMember = api.Client(memberToken);
        using var asAdmin = api.Client(adminToken);

        var allProjects = await (await asMember.GetAsync("/v1/containers?all_projects=True")).Error(HttpStatusCode.Forbidden);
        var hosts = await (await asMember.GetAsync("/v1/hosts")).Error(HttpStatusCode.Forbidden);

        Assert.Equal("Policy doesn't allow container:get_all_all_projects to be performed.", allProjects["detail"]!.GetValue<string>());
        Assert.Equal("Policy doesn't allow host:get_all to be performed.", hosts["detail"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, (await asAdmin.GetAsync("/v1/containers?all_projects=True")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await asAdmin.GetAsync("/v1/hosts")).StatusCode);
    }

    [Fact]
    public async Task A_deleted_users_token_is_refused_unless_a_cached_answer_still_holds_it()
    {
        var member = await _keystone.CreateProjectMemberAsync();
        var (token, _) = await _keystone.IssueTokenAsync(member.UserName, member.Password, member.ProjectName);
        await using var uncached = await ApiHost.StartAsync(zun.System.RabbitUrl, _keystone.ApiSettings(tokenCacheSeconds: 0));
        await using var cached = await ApiHost.StartAsync(zun.System.RabbitUrl, _keystone.ApiSettings(tokenCacheSeconds: 300));
        using var viaUncached = uncached.Client(token);
        using var viaCached = cached.Client(token);
        Assert.Equal(HttpStatusCode.OK, (await viaUncached.GetAsync("/v1/containers")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await viaCached.GetAsync("/v1/containers")).StatusCode);

        await _keystone.DeleteUserAsync(member);

        await (await viaUncached.GetAsync("/v1/containers")).Error(HttpStatusCode.Unauthorized);
        Assert.Equal(HttpStatusCode.OK, (await viaCached.GetAsync("/v1/containers")).StatusCode);
    }

    [Fact]
    public async Task An_expired_token_is_401()
    {
        var member = await _keystone.CreateProjectMemberAsync();
        await using var shortLived = await KeystoneProcess.StartAsync(tokenSeconds: 5);
        var (token, body) = await _keystone.IssueTokenAsync(member.UserName, member.Password, member.ProjectName, shortLived.Url);
        await using var api = await ApiHost.StartAsync(zun.System.RabbitUrl, _keystone.ApiSettings(tokenCacheSeconds: 300));
        using var http = api.Client(token);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/v1/containers")).StatusCode);

        // The API itself validates against the deployment's Keystone, which reads the expiry inside the token.
        var expiresAt = body["expires_at"]!.GetValue<DateTimeOffset>();
        await Task.Delay((expiresAt - DateTimeOffset.UtcNow + TimeSpan.FromSeconds(1)) is { Ticks: > 0 } left ? left : TimeSpan.Zero);

        var error = await (await http.GetAsync("/v1/containers")).Error(HttpStatusCode.Unauthorized);
        Assert.Contains("not valid", error["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task Passwords_and_tokens_never_appear_in_logs_error_bodies_or_events()
    {
        var member = await _keystone.CreateProjectMemberAsync();
        var (token, _) = await _keystone.IssueTokenAsync(member.UserName, member.Password, member.ProjectName);
        var garbage = $"gAAAAAB{Guid.NewGuid():N}";
        var wrongPassword = $"not-zuns-{Guid.NewGuid():N}";
        var logs = new RecordingLoggerProvider(Microsoft.Extensions.Logging.LogLevel.Trace);
        var misconfigured = _keystone.ApiSettings(tokenCacheSeconds: 0);
        misconfigured["Zun:Api:Keystone:Password"] = wrongPassword;
        await using var api = await ApiHost.StartAsync(zun.System.RabbitUrl, _keystone.ApiSettings(tokenCacheSeconds: 0), logs);
        await using var refusedByKeystone = await ApiHost.StartAsync(zun.System.RabbitUrl, misconfigured, logs);
        using var http = api.Client(token);
        using var forged = api.Client(garbage);
        using var viaMisconfigured = refusedByKeystone.Client(token);

        var id = Guid.Parse((await http.CreateAsync(run: false))["uuid"]!.GetValue<string>());
        await zun.System.Reaches(id, ContainerStatus.Created);
        var bodies = new List<string>
        {
            await (await forged.GetAsync("/v1/containers")).Content.ReadAsStringAsync(),
            await (await forged.PostAsync($"/v1/containers/{id}/stop", null)).Content.ReadAsStringAsync(),
            await (await viaMisconfigured.GetAsync("/v1/containers")).Content.ReadAsStringAsync(),
        };

        Assert.Contains("Keystone", bodies[2]);
        var events = System.Text.Json.JsonSerializer.Serialize(zun.System.Events.All<object>());
        var everything = string.Join('\n', [.. logs.Lines, .. bodies, events]);
        Assert.Contains(id.ToString(), everything);
        foreach (var (what, secret) in new[] { ("the member's token", token), ("a forged token", garbage), ("Zun's password", _keystone.ZunPassword), ("a wrong service password", wrongPassword), ("the member's password", member.Password) })
            Assert.False(everything.Contains(secret, StringComparison.Ordinal), $"{what} appeared in the logs, error bodies or events");
    }

    [Fact]
    public async Task Keystone_not_answering_is_503_naming_it_and_service_resumes_when_it_is_back()
    {
        var member = await _keystone.CreateProjectMemberAsync();
        var (token, _) = await _keystone.IssueTokenAsync(member.UserName, member.Password, member.ProjectName);
        await using var keystone = await KeystoneProcess.StartAsync();
        var settings = _keystone.ApiSettings(tokenCacheSeconds: 0);
        settings["Zun:Api:Keystone:Url"] = keystone.Url;
        await using var api = await ApiHost.StartAsync(zun.System.RabbitUrl, settings);
        using var http = api.Client(token);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/v1/containers")).StatusCode);

        await keystone.StopAsync();
        var error = await (await http.GetAsync("/v1/containers")).Error(HttpStatusCode.ServiceUnavailable);
        Assert.Contains(keystone.Url, error["detail"]!.GetValue<string>());

        await keystone.StartAgainAsync();
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/v1/containers")).StatusCode);
    }
}
