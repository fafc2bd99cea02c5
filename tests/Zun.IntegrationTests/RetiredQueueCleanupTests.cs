using Microsoft.Extensions.Hosting;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;
using RabbitMQ.Client.Exceptions;
using Zun.IntegrationTests.Infrastructure;

namespace Zun.IntegrationTests;

/// <summary>
/// The queues earlier conductors consumed, as they were left on a real broker: each test declares one in a
/// virtual host of its own, under an endpoint name of its own, then starts a conductor there.
/// </summary>
public sealed class RetiredQueueCleanupTests : IAsyncLifetime
{
    private readonly string _endpoint = $"zun-retired-{Guid.NewGuid():N}"[..24];
    private readonly CancellationTokenSource _timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
    private string _rabbitUrl = "";
    private IConnection? _connection;
    private IHost? _conductor;

    private IConnection Connection => _connection ?? throw new InvalidOperationException("not connected");

    public async ValueTask InitializeAsync()
    {
        _timeout.CancelAfter(TimeSpan.FromSeconds(60));
        _rabbitUrl = await TestBroker.CreateVirtualHostAsync(_endpoint);
        _connection = await new ConnectionFactory { Uri = new Uri(_rabbitUrl) }.CreateConnectionAsync(_timeout.Token);
    }

    [Theory]
    [InlineData("quorum")]
    [InlineData("classic")]
    public async Task A_retired_queue_that_nothing_consumes_is_deleted_with_its_messages_when_the_conductor_starts(string queueType)
    {
        var retired = $"{_endpoint}-operations";
        await DeclareWithAMessage(retired, queueType);

        await StartConductor();

        var missing = await Assert.ThrowsAsync<OperationInterruptedException>(() => ConsumerCount(retired));
        Assert.Equal(Constants.NotFound, missing.ShutdownReason!.ReplyCode);
    }

    [Theory]
    [InlineData("quorum")]
    [InlineData("classic")]
    public async Task A_retired_queue_that_an_earlier_conductor_still_consumes_is_left_in_place(string queueType)
    {
        var retired = $"{_endpoint}-notifications";
        await DeclareWithAMessage(retired, queueType);
        await using var earlierConductor = await Connection.CreateChannelAsync(cancellationToken: _timeout.Token);
        await earlierConductor.BasicConsumeAsync(retired, autoAck: false, new AsyncEventingBasicConsumer(earlierConductor), _timeout.Token);

        await StartConductor();

        Assert.Equal(1u, await ConsumerCount(retired));
    }

    public async ValueTask DisposeAsync()
    {
        if (_conductor is not null)
        {
            await _conductor.StopAsync();
            _conductor.Dispose();
        }

        if (_connection is not null)
            await _connection.DisposeAsync();
        await TestBroker.DeleteVirtualHostAsync(_endpoint);
        _timeout.Dispose();
    }

    /// <summary>Declares the queue as an earlier conductor did (durable, of the given type) and confirms a message into it.</summary>
    private async Task DeclareWithAMessage(string queue, string queueType)
    {
        await using var channel = await Connection.CreateChannelAsync(
            new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), _timeout.Token);
        await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false,
            new Dictionary<string, object?> { ["x-queue-type"] = queueType }, cancellationToken: _timeout.Token);
        await channel.BasicPublishAsync("", queue, mandatory: true, new BasicProperties(), "{}"u8.ToArray(), _timeout.Token);
    }

    /// <summary>A conductor on the test's virtual host and endpoint; it keeps its state in memory, so it leaves no file.</summary>
    private async Task StartConductor()
    {
        _conductor = TestHosts.Conductor(_rabbitUrl, storePath: "", new Dictionary<string, string?>
        {
            ["Zun:Conductor:Endpoint"] = _endpoint,
            ["Zun:Store:Provider"] = "InMemory",
        });
        await _conductor.StartAsync(_timeout.Token);
    }

    /// <summary>A passive declare on a channel of its own: a missing queue closes the channel with 404.</summary>
    private async Task<uint> ConsumerCount(string queue)
    {
        await using var channel = await Connection.CreateChannelAsync(cancellationToken: _timeout.Token);
        return (await channel.QueueDeclarePassiveAsync(queue, _timeout.Token)).ConsumerCount;
    }
}
