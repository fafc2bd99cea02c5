using System.Net;
using System.Text.RegularExpressions;
using Zun.Api.Tests.Infrastructure;

namespace Zun.Api.Tests;

public sealed partial class VersionTests(ApiZun zun)
{
    [Fact]
    public async Task Root_is_upstreams_version_document_with_v1_current_from_1_1_to_1_40()
    {
        using var http = zun.Http();
        using var response = await http.GetAsync("/");
        var body = await response.Body();

        var v1 = body["versions"]![0]!;
        Assert.Equal(("v1", "CURRENT", "1.1", "1.40"),
            (v1["id"]!.GetValue<string>(), v1["status"]!.GetValue<string>(), v1["min_version"]!.GetValue<string>(), v1["max_version"]!.GetValue<string>()));
        Assert.Equal($"{zun.Api.Endpoint}/v1/", v1["links"]![0]!["href"]!.GetValue<string>());
        Assert.Equal("v1", body["default_version"]!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task Every_response_carries_a_request_id_of_upstreams_form()
    {
        using var http = zun.Http();
        foreach (var path in new[] { "/", "/v1", "/v1/containers", "/v1/no-such-thing", "/healthcheck" })
        {
            using var response = await http.GetAsync(path);
            Assert.Matches(RequestIdPattern(), ApiCalls.RequestId(response));
        }
    }

    [Fact]
    public async Task V1_lists_its_resources_with_links()
    {
        using var http = zun.Http();
        var body = await (await http.GetAsync("/v1")).Body();
        Assert.Equal("v1", body["id"]!.GetValue<string>());
        Assert.Equal($"{zun.Api.Endpoint}/v1/containers/", body["containers"]![0]!["href"]!.GetValue<string>());
    }

    [Theory]
    [InlineData(null, "container 1.1")]
    [InlineData("container 1.20", "container 1.20")]
    [InlineData("container latest", "container 1.40")]
    public async Task The_negotiated_microversion_is_echoed_with_the_range_and_vary(string? requested, string served)
    {
        using var http = zun.Http();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/containers");
        if (requested is not null)
            request.Headers.Add("OpenStack-API-Version", requested);
        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(served, response.Headers.GetValues("OpenStack-API-Version").Single());
        Assert.Equal("container 1.1", response.Headers.GetValues("OpenStack-API-Minimum-Version").Single());
        Assert.Equal("container 1.40", response.Headers.GetValues("OpenStack-API-Maximum-Version").Single());
        Assert.Contains("OpenStack-API-Version", response.Headers.Vary);
    }

    [Theory]
    [InlineData("container 1.41")]
    [InlineData("container 2.0")]
    [InlineData("container 1.0")]
    [InlineData("container one.two")]
    [InlineData("compute 2.1")]
    [InlineData("container")]
    public async Task A_microversion_outside_the_range_or_malformed_is_406_with_upstreams_error(string requested)
    {
        using var http = zun.Http();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/containers");
        request.Headers.TryAddWithoutValidation("OpenStack-API-Version", requested);
        using var response = await http.SendAsync(request);

        var error = await response.Error(HttpStatusCode.NotAcceptable);
        Assert.Equal("zun.microversion-unsupported", error["code"]!.GetValue<string>());
        Assert.Equal("container 1.40", response.Headers.GetValues("OpenStack-API-Maximum-Version").Single());
    }

    [Fact]
    public async Task Healthcheck_answers_as_oslo_middleware_does()
    {
        using var http = new HttpClient { BaseAddress = zun.Api.Address };
        using var response = await http.GetAsync("/healthcheck");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("OK", await response.Content.ReadAsStringAsync());
    }

    [GeneratedRegex("^req-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")]
    private static partial Regex RequestIdPattern();
}
