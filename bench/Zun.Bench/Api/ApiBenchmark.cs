using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using MassTransit;
using Spectre.Console;
using Zun.Bench.Infrastructure;
using Zun.Bench.Output;
using Zun.Contracts;
using Zun.Hosting;
using Zun.Testing;

namespace Zun.Bench.Api;

/// <summary>
/// zun-api against the bus path it is a client of, in the same run: a create with run to <c>OperationCompleted</c>, one
/// at a time, published on the bus and POSTed to <c>/v1/containers?run=true</c>; then <c>GET /v1/containers</c> with
/// the given numbers of containers (Null runtime, SQLite).
/// </summary>
internal sealed class ApiBenchmark(BenchEnvironment environment, RabbitMqManagement management, int creates, IReadOnlyList<int> listSizes, int listRequests)
{
    private static readonly object CreateBody = new { image = BenchEnvironment.BusyboxImage, command = new[] { "sleep", "300" } };

    private static readonly IReadOnlyDictionary<string, string> Production = new Dictionary<string, string> { ["DOTNET_ENVIRONMENT"] = "Production" };

    public async Task<ApiResult> RunAsync()
    {
        AnsiConsole.MarkupLine("[bold]zun-api against the bus path (Null runtime, SQLite)[/]");
        await using var zun = await ZunSystem.StartAsync(environment, management, "api", "Sqlite", "Null");
        var listen = $"http://127.0.0.1:{PrometheusMetrics.FreePort()}";
        await using var api = await ZunProcess.StartAsync("api-zun-api", environment.ApiDll, new Dictionary<string, string>
        {
            ["Zun:RabbitMq:Url"] = zun.RabbitUrl,
            ["Zun:Api:Listen"] = listen,
            ["Zun:Api:NoAuth:ProjectId"] = "bench",
        }, environment.WorkDirectory, Production);
        using var http = new HttpClient { BaseAddress = new Uri($"{listen}/v1/"), Timeout = TimeSpan.FromSeconds(60) };
        http.DefaultRequestHeaders.Add("OpenStack-API-Version", "container 1.40");
        await using var outcomes = await OutcomeListener.ConnectAsync(zun.RabbitUrl);

        // Warm both paths up (JIT, connections, the store's first pages) before measuring.
        await MeasureBus(outcomes, 20);
        await MeasureApi(http, outcomes, 20);
        var bus = new List<double>();
        var accept = new List<double>();
        var apiCreate = new List<double>();
        for (var round = 0; round < 2; round++)
        {
            bus.AddRange(await MeasureBus(outcomes, creates / 2));
            var (accepted, completed) = await MeasureApi(http, outcomes, creates / 2);
            accept.AddRange(accepted);
            apiCreate.AddRange(completed);
        }

        var lists = new List<ListLatency>();
        var existing = 40 + (2 * (creates / 2) * 2);
        foreach (var size in listSizes.Order())
        {
            existing += await TopUp(outcomes, size - existing);
            lists.Add(await MeasureList(http, outcomes, existing, listRequests));
        }

        var result = new ApiResult
        {
            BusCreate = Latency.Of(bus),
            ApiAccepted = Latency.Of(accept),
            ApiCreate = Latency.Of(apiCreate),
            Lists = lists,
        };
        Write(result);
        await api.StopAsync();
        return result;
    }

    /// <summary>Publishes creates one at a time and times each to its <c>OperationCompleted</c>.</summary>
    private static async Task<List<double>> MeasureBus(OutcomeListener outcomes, int count)
    {
        var samples = new List<double>(count);
        for (var i = 0; i < count; i++)
        {
            var create = NewCreate();
            var started = Stopwatch.GetTimestamp();
            var ended = outcomes.Await(create.OperationId);
            await outcomes.Publish(create);
            samples.Add(Elapsed(started, await Completed(ended, create.OperationId)));
        }

        return samples;
    }

    /// <summary>POSTs creates one at a time: the time to the 202, and to the operation's <c>OperationCompleted</c>.</summary>
    private static async Task<(List<double> Accepted, List<double> Completed)> MeasureApi(HttpClient http, OutcomeListener outcomes, int count)
    {
        var (accepted, completed) = (new List<double>(count), new List<double>(count));
        for (var i = 0; i < count; i++)
        {
            var started = Stopwatch.GetTimestamp();
            using var response = await http.PostAsJsonAsync("containers?run=true", CreateBody);
            accepted.Add(Elapsed(started, Stopwatch.GetTimestamp()));
            if (response.StatusCode != HttpStatusCode.Accepted)
                throw new InvalidOperationException($"POST /v1/containers answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");

            // The operation is the request's: x-openstack-request-id is req-<operation id>.
            var operationId = Guid.Parse(response.Headers.GetValues("x-openstack-request-id").Single()["req-".Length..]);
            completed.Add(Elapsed(started, await Completed(outcomes.Await(operationId), operationId)));
        }

        return (accepted, completed);
    }

    /// <summary>Creates <paramref name="count"/> more containers through the bus, up to 256 in flight.</summary>
    private static async Task<int> TopUp(OutcomeListener outcomes, int count)
    {
        using var inFlight = new SemaphoreSlim(256);
        var done = Enumerable.Range(0, Math.Max(0, count)).Select(async _ =>
        {
            await inFlight.WaitAsync();
            try
            {
                var create = NewCreate();
                var ended = outcomes.Await(create.OperationId);
                await outcomes.Publish(create);
                await Completed(ended, create.OperationId);
            }
            finally
            {
                inFlight.Release();
            }
        });
        await Task.WhenAll(done);
        return Math.Max(0, count);
    }

    /// <summary>
    /// Times the default list, through the API and as the same <c>ListContainers</c> page asked on the bus, alternately,
    /// so that the difference is what the API adds (rendering, HTTP) to the conductor's query and the bus.
    /// </summary>
    private static async Task<ListLatency> MeasureList(HttpClient http, OutcomeListener outcomes, int containers, int requests)
    {
        await http.GetStringAsync("containers");
        await outcomes.List();
        var (api, bus) = (new List<double>(requests), new List<double>(requests));
        var listed = 0;
        for (var i = 0; i < requests; i++)
        {
            var started = Stopwatch.GetTimestamp();
            var body = await http.GetStringAsync("containers");
            api.Add(Elapsed(started, Stopwatch.GetTimestamp()));
            listed = JsonNode.Parse(body)!["containers"]!.AsArray().Count;

            started = Stopwatch.GetTimestamp();
            var page = await outcomes.List();
            bus.Add(Elapsed(started, Stopwatch.GetTimestamp()));
            if (page != listed)
                throw new InvalidOperationException($"the API listed {listed} containers and the bus {page}");
        }

        return new ListLatency { Containers = containers, Listed = listed, Latency = Latency.Of(api), BusLatency = Latency.Of(bus) };
    }

    private static async Task<long> Completed(Task<(string Outcome, long Timestamp)> ended, Guid operationId)
    {
        var (outcome, timestamp) = await ended.WaitAsync(TimeSpan.FromSeconds(60));
        return outcome == nameof(OperationCompleted)
            ? timestamp
            : throw new InvalidOperationException($"operation {operationId} ended {outcome}");
    }

    private static CreateContainer NewCreate() => new()
    {
        OperationId = NewId.NextGuid(),
        ContainerId = NewId.NextGuid(),
        Image = BenchEnvironment.BusyboxImage,
        Command = ["sleep", "300"],
        Run = true,
        ProjectId = "bench",
        UserId = "zun-bench",
    };

    private static double Elapsed(long from, long to) => Stopwatch.GetElapsedTime(from, to).TotalMilliseconds;

    private static void Write(ApiResult result)
    {
        var table = new Table().AddColumns("path", "samples", "p50 ms", "p99 ms");
        void Row(string path, Latency latency) =>
            table.AddRow(path, latency.Samples.ToString(), latency.P50Ms.ToString("0.0"), latency.P99Ms.ToString("0.0"));
        Row("bus: publish to OperationCompleted", result.BusCreate);
        Row("API: POST to 202", result.ApiAccepted);
        Row("API: POST to OperationCompleted", result.ApiCreate);
        foreach (var list in result.Lists)
        {
            Row($"API: GET /v1/containers, {list.Containers} containers ({list.Listed} listed)", list.Latency);
            if (list.BusLatency is { } bus)
                Row($"bus: ListContainers, the same page", bus);
        }
        AnsiConsole.Write(table);
    }

    /// <summary>The bench's bus connection: publishes creates and hears how each operation ended, even before it is asked.</summary>
    private sealed class OutcomeListener : IAsyncDisposable
    {
        private readonly ConcurrentDictionary<Guid, TaskCompletionSource<(string, long)>> _ends = new();
        private IBusControl _bus = null!;

        public static async Task<OutcomeListener> ConnectAsync(string rabbitUrl)
        {
            var listener = new OutcomeListener();
            listener._bus = Bus.Factory.CreateUsingRabbitMq(cfg =>
            {
                cfg.UseZunRabbitMqHost(new RabbitMqOptions { Url = rabbitUrl });
                cfg.ReceiveEndpoint(new TemporaryEndpointDefinition("zun-bench-api", concurrentMessageLimit: 8, prefetchCount: 512), KebabCaseEndpointNameFormatter.Instance, e =>
                {
                    listener.Ends<OperationCompleted>(e, m => m.OperationId);
                    listener.Ends<OperationFailed>(e, m => m.OperationId);
                    listener.Ends<OperationRejected>(e, m => m.OperationId);
                    listener.Ends<OperationTimedOut>(e, m => m.OperationId);
                });
            });
            var handle = await listener._bus.StartAsync(new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token);
            await handle.Ready;
            return listener;
        }

        public Task Publish(CreateContainer create) => _bus.Publish(create);

        /// <summary>Asks the conductor for the page the API asks for by default: the bench's project, oldest first, at most 1,000.</summary>
        public async Task<int> List()
        {
            var response = await _bus.Request<ListContainers, ContainerList>(
                new ListContainers { ProjectId = "bench", Limit = 1000, SortKey = ContainerSortKey.CreatedAt },
                timeout: RequestTimeout.After(s: 60));
            return response.Message.Containers.Length;
        }

        /// <summary>How the operation ends; an end heard before this call is kept for it.</summary>
        public Task<(string Outcome, long Timestamp)> Await(Guid operationId) => End(operationId).Task;

        public async ValueTask DisposeAsync() => await _bus.StopAsync(new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token);

        private TaskCompletionSource<(string, long)> End(Guid operationId) =>
            _ends.GetOrAdd(operationId, _ => new TaskCompletionSource<(string, long)>(TaskCreationOptions.RunContinuationsAsynchronously));

        private void Ends<T>(IReceiveEndpointConfigurator e, Func<T, Guid> operationId)
            where T : class =>
            e.Handler<T>(context =>
            {
                End(operationId(context.Message)).TrySetResult((typeof(T).Name, Stopwatch.GetTimestamp()));
                return Task.CompletedTask;
            });
    }
}
