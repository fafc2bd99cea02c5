using BenchmarkDotNet.Attributes;
using Zun.Bench.Store;
using Zun.Conductor.Persistence.Sqlite;
using Zun.Conductor.StateMachines;

namespace Zun.Bench.Micro;

/// <summary>The CPU cost of one saga document: the SQLite store writes one per insert or update and reads one per load.</summary>
[MemoryDiagnoser]
public class SagaDocumentBenchmarks
{
    private TrackedContainer _container = null!;
    private string _json = "";

    [GlobalSetup]
    public void Setup()
    {
        _container = StoreBenchmark.NewContainer(1);
        _json = SagaJson.Serialize(_container);
    }

    [Benchmark]
    public string Serialize() => SagaJson.Serialize(_container);

    [Benchmark]
    public TrackedContainer Deserialize() => SagaJson.Deserialize<TrackedContainer>(_json);
}
