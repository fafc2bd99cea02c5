using System.Diagnostics;
using System.Net;
using Spectre.Console;
using Zun.Bench.Infrastructure;
using Zun.Bench.Output;
using Zun.Testing;

namespace Zun.Bench.Api;

/// <summary>
/// What Keystone mode costs a request: the same requests to a noauth zun-api and to a Keystone one (warm token cache),
/// alternating, and first requests with fresh tokens (one validation each) against the same validation asked of
/// Keystone directly. Needs the local Keystone that deploy/local/services.sh starts.
/// </summary>
internal sealed class KeystoneBenchmark(BenchEnvironment environment, RabbitMqManagement management, int requests, int coldTokens)
{
    // Refused right after the identity is resolved, before anything reaches the conductor: the pipeline alone.
    private const string PipelineOnly = "containers?sort_key=not-a-key";

    private const string List = "containers";

    public async Task<KeystoneResult> RunAsync()
    {
        AnsiConsole.MarkupLine("[bold]zun-api: noauth against Keystone tokens (Null runtime, SQLite)[/]");
        var keystone = KeystoneAdmin.FromLocalDeployment();
        await using var zun = await ZunSystem.StartAsync(environment, management, "keystone", "Sqlite", "Null");
        await using var noauth = await StartApi(zun.RabbitUrl, "noauth", new Dictionary<string, string>());
        await using var authenticated = await StartApi(zun.RabbitUrl, "keystone", keystone.ApiSettings(tokenCacheSeconds: 300).ToDictionary(p => p.Key, p => p.Value!));

        var member = await keystone.CreateProjectMemberAsync();
        var (token, _) = await keystone.IssueTokenAsync(member.UserName, member.Password, member.ProjectName);
        using var plain = Client(noauth.Url, token: null);
        using var signed = Client(authenticated.Url, token);

        // Warm both up (JIT, connections, the token's cache entry) before measuring.
        foreach (var client in new[] { plain, signed })
            await Measure(client, [PipelineOnly, List], 50);

        var pipeline = (NoAuth: new List<double>(), Keystone: new List<double>());
        var list = (NoAuth: new List<double>(), Keystone: new List<double>());
        for (var round = 0; round < 4; round++)
        {
            pipeline.NoAuth.AddRange(await Measure(plain, [PipelineOnly], requests / 4));
            pipeline.Keystone.AddRange(await Measure(signed, [PipelineOnly], requests / 4));
            list.NoAuth.AddRange(await Measure(plain, [List], requests / 8));
            list.Keystone.AddRange(await Measure(signed, [List], requests / 8));
        }

        var (cold, direct) = await MeasureColdValidations(keystone, member, authenticated.Url, coldTokens);
        var result = new KeystoneResult
        {
            PipelineNoAuth = Latency.Of(pipeline.NoAuth),
            PipelineKeystoneWarm = Latency.Of(pipeline.Keystone),
            ListNoAuth = Latency.Of(list.NoAuth),
            ListKeystoneWarm = Latency.Of(list.Keystone),
            FirstRequestWithNewToken = Latency.Of(cold),
            KeystoneValidationDirect = Latency.Of(direct),
        };
        Write(result);
        return result;
    }

    private async Task<RunningApi> StartApi(string rabbitUrl, string name, Dictionary<string, string> settings)
    {
        var listen = $"http://127.0.0.1:{PrometheusMetrics.FreePort()}";
        settings["Zun:RabbitMq:Url"] = rabbitUrl;
        settings["Zun:Api:Listen"] = listen;
        var process = await ZunProcess.StartAsync($"keystone-zun-api-{name}", environment.ApiDll, settings, environment.WorkDirectory,
            new Dictionary<string, string> { ["DOTNET_ENVIRONMENT"] = "Production" });
        return new RunningApi(process, $"{listen}/v1/");
    }

    /// <summary>Each fresh token's first request (one Keystone validation behind it), then the same validation asked directly.</summary>
    private static async Task<(List<double> Cold, List<double> Direct)> MeasureColdValidations(KeystoneAdmin keystone, KeystoneUser member, string apiUrl, int count)
    {
        var tokens = new List<string>(count);
        for (var i = 0; i < count; i++)
            tokens.Add((await keystone.IssueTokenAsync(member.UserName, member.Password, member.ProjectName)).Token);
        var (serviceToken, _) = await keystone.IssueTokenAsync("zun", keystone.ZunPassword, "service");

        var (cold, direct) = (new List<double>(count), new List<double>(count));
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        foreach (var token in tokens)
        {
            using var first = Client(apiUrl, token);
            cold.Add((await Measure(first, [PipelineOnly], 1))[0]);

            using var validation = new HttpRequestMessage(HttpMethod.Get, $"{keystone.Url}/auth/tokens");
            validation.Headers.Add("X-Auth-Token", serviceToken);
            validation.Headers.Add("X-Subject-Token", token);
            var started = Stopwatch.GetTimestamp();
            using var answer = await http.SendAsync(validation);
            direct.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            if (answer.StatusCode != HttpStatusCode.OK)
                throw new InvalidOperationException($"Keystone did not validate a fresh token: {(int)answer.StatusCode}");
        }

        return (cold, direct);
    }

    private static async Task<List<double>> Measure(HttpClient http, string[] paths, int count)
    {
        var samples = new List<double>(count * paths.Length);
        for (var i = 0; i < count; i++)
        {
            foreach (var path in paths)
            {
                var started = Stopwatch.GetTimestamp();
                using var response = await http.GetAsync(path);
                samples.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                var expected = path == PipelineOnly ? HttpStatusCode.BadRequest : HttpStatusCode.OK;
                if (response.StatusCode != expected)
                    throw new InvalidOperationException($"GET {path} answered {(int)response.StatusCode}, not {(int)expected}: {await response.Content.ReadAsStringAsync()}");
            }
        }

        return samples;
    }

    private static HttpClient Client(string baseUrl, string? token)
    {
        var client = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Add("OpenStack-API-Version", "container 1.40");
        if (token is not null)
            client.DefaultRequestHeaders.Add("X-Auth-Token", token);
        return client;
    }

    private static void Write(KeystoneResult result)
    {
        var table = new Table().AddColumns("request", "samples", "p50 ms", "p99 ms");
        void Row(string what, Latency latency) =>
            table.AddRow(what, latency.Samples.ToString(), latency.P50Ms.ToString("0.00"), latency.P99Ms.ToString("0.00"));
        Row("pipeline only (400 before the conductor), noauth", result.PipelineNoAuth);
        Row("pipeline only, Keystone token, warm cache", result.PipelineKeystoneWarm);
        Row("GET /v1/containers, noauth", result.ListNoAuth);
        Row("GET /v1/containers, Keystone token, warm cache", result.ListKeystoneWarm);
        Row("first request with a new token (one validation)", result.FirstRequestWithNewToken);
        Row("the same validation asked of Keystone directly", result.KeystoneValidationDirect);
        AnsiConsole.Write(table);
    }

    private sealed record RunningApi(ZunProcess Process, string Url) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await Process.StopAsync();
            await Process.DisposeAsync();
        }
    }
}
