using System.Net;
using System.Text.Json.Nodes;
using Zun.Api.Tests.Infrastructure;
using Zun.IntegrationTests.Infrastructure;

namespace Zun.Api.Tests;

/// <summary>zun-api on a broker where no conductor listens: it answers, and says who did not.</summary>
public sealed class ConductorAbsenceTests
{
    [Fact]
    public async Task A_create_nobody_accepts_is_503_naming_the_conductor_within_the_accept_timeout()
    {
        var virtualHost = $"zun-api-alone-{Guid.NewGuid():N}"[..26];
        var rabbitUrl = (await TestBroker.CreateVirtualHostAsync(virtualHost)).ClientUrl;
        try
        {
            await using var api = await ApiHost.StartAsync(rabbitUrl, new Dictionary<string, string?> { ["Zun:Api:AcceptTimeoutSeconds"] = "1" });
            using var http = new HttpClient { BaseAddress = api.Address };

            using var response = await http.PostAsync("/v1/containers", ApiCalls.Json(new JsonObject { ["image"] = ApiCalls.Busybox }));

            var error = await response.Error(HttpStatusCode.ServiceUnavailable);
            Assert.Contains("zun-conductor", error["detail"]!.GetValue<string>());
        }
        finally
        {
            await TestBroker.DeleteVirtualHostAsync(virtualHost);
        }
    }
}
