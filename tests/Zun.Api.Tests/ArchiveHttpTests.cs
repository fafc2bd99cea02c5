using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Zun.Api.Tests.Infrastructure;
using Zun.Contracts;
using Zun.Testing;

namespace Zun.Api.Tests;

/// <summary>get_archive and put_archive over HTTP in upstream's shapes, against the real conductor, worker and Docker.</summary>
public sealed class ArchiveHttpTests(ApiZun zun)
{
    private async Task<string> RunningContainer(HttpClient http)
    {
        var id = Guid.Parse((await http.CreateAsync())["uuid"]!.GetValue<string>());
        await zun.System.Reaches(id, ContainerStatus.Running);
        return id.ToString("D");
    }

    private static Task<HttpResponseMessage> Put(HttpClient http, string id, string path, string data) =>
        http.PostAsync($"/v1/containers/{id}/put_archive?path={Uri.EscapeDataString(path)}", ApiCalls.Json(new JsonObject { ["data"] = data }));

    [Fact]
    public async Task Put_archive_answers_200_and_get_archive_returns_the_base64_tar_and_its_stat()
    {
        using var http = zun.Http("1.40");
        var id = await RunningContainer(http);
        var content = TarArchive.Binary(20_000);

        using var put = await Put(http, id, "/tmp", Convert.ToBase64String(TarArchive.Of(("blob.bin", content))));
        using var get = await http.GetAsync($"/v1/containers/{id}/get_archive?path=/tmp/blob.bin");

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var body = await get.Body();
        Assert.Equal(content, TarArchive.Entries(Convert.FromBase64String(body["data"]!.GetValue<string>()))["blob.bin"]);
        var stat = body["stat"]!;
        Assert.Equal(("blob.bin", 20_000L, 420L, ""),
            (stat["name"]!.GetValue<string>(), stat["size"]!.GetValue<long>(), stat["mode"]!.GetValue<long>(), stat["linkTarget"]!.GetValue<string>()));
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$", stat["mtime"]!.GetValue<string>());
    }

    [Fact]
    public async Task Before_1_25_the_archive_travels_as_text_both_ways()
    {
        using var http = zun.Http("1.24");
        var id = await RunningContainer(http);
        var tar = Encoding.UTF8.GetString(TarArchive.Of(("note.txt", "plain text"u8.ToArray())));

        using var put = await Put(http, id, "/tmp", tar);
        using var get = await http.GetAsync($"/v1/containers/{id}/get_archive?path=/tmp/note.txt");

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var data = (await get.Body())["data"]!.GetValue<string>();
        Assert.Equal("plain text"u8.ToArray(), TarArchive.Entries(Encoding.UTF8.GetBytes(data))["note.txt"]);
    }

    [Fact]
    public async Task Data_that_is_not_base64_answers_400_naming_data_before_anything_is_asked()
    {
        using var http = zun.Http("1.40");
        var id = await RunningContainer(http);

        using var put = await Put(http, id, "/tmp", "not*base64");

        var error = await put.Error(HttpStatusCode.BadRequest);
        Assert.StartsWith("Invalid input for field/attribute data: it must be a base64-encoded tar archive", error["detail"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("get")]
    [InlineData("put")]
    public async Task A_path_outside_the_containers_root_answers_400_with_the_conductors_reason(string way)
    {
        using var http = zun.Http("1.40");
        var id = await RunningContainer(http);

        using var response = way == "get"
            ? await http.GetAsync($"/v1/containers/{id}/get_archive?path=etc/../../x")
            : await Put(http, id, "etc/../../x", Convert.ToBase64String(TarArchive.Of(("x", [1]))));

        var error = await response.Error(HttpStatusCode.BadRequest);
        Assert.Equal("path 'etc/../../x' is relative: it must be an absolute path in the container", error["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_put_archive_member_outside_the_destination_answers_400_naming_it()
    {
        using var http = zun.Http("1.40");
        var id = await RunningContainer(http);

        using var put = await Put(http, id, "/tmp", Convert.ToBase64String(TarArchive.Of(("../../etc/x", [1]))));

        var error = await put.Error(HttpStatusCode.BadRequest);
        Assert.StartsWith("archive member '../../etc/x' has a '..' part", error["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_container_in_Error_answers_409_from_the_state_table()
    {
        using var http = zun.Http("1.40");
        var body = new JsonObject { ["image"] = $"127.0.0.1:5000/zun-missing-{Guid.NewGuid():N}:latest", ["command"] = new JsonArray("true") };
        using var created = await http.PostAsync("/v1/containers", ApiCalls.Json(body));
        var id = Guid.Parse((await created.Body())["uuid"]!.GetValue<string>());
        await zun.System.Reaches(id, ContainerStatus.Error);

        using var get = await http.GetAsync($"/v1/containers/{id}/get_archive?path=/etc");

        var error = await get.Error(HttpStatusCode.Conflict);
        Assert.StartsWith("cannot get_archive a container in status Error", error["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_put_archive_body_is_bounded_by_its_own_setting_above_the_body_limit_of_other_requests()
    {
        await using var api = await ApiHost.StartAsync(zun.System.RabbitUrl, new Dictionary<string, string?>
        {
            ["Zun:Api:MaxBodyBytes"] = "2048",
            ["Zun:Api:MaxArchiveBodyBytes"] = "8192",
        });
        var id = Guid.NewGuid().ToString("D");

        // A client each: the server closes a connection whose body it refused unread, and a reused one would fail the next request.
        using var http = api.Client();
        using var fits = await Put(http, id, "/tmp", Convert.ToBase64String(TarArchive.Of(("x", new byte[3000]))));
        using var overClient = api.Client();
        using var over = await Put(overClient, id, "/tmp", Convert.ToBase64String(TarArchive.Of(("x", new byte[8000]))));
        using var actionClient = api.Client();
        using var action = await actionClient.PostAsync($"/v1/containers/{id}/kill", ApiCalls.Json(new JsonObject { ["signal"] = new string('x', 3000) }));

        Assert.Equal(HttpStatusCode.NotFound, fits.StatusCode);
        Assert.EndsWith("bytes (Zun:Api:MaxArchiveBodyBytes)", (await over.Error(HttpStatusCode.RequestEntityTooLarge))["detail"]!.GetValue<string>());
        Assert.EndsWith("bytes (Zun:Api:MaxBodyBytes)", (await action.Error(HttpStatusCode.RequestEntityTooLarge))["detail"]!.GetValue<string>());
    }
}
