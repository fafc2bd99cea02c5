using System.CommandLine;
using Zun.Cli.Output;
using Zun.Client;

namespace Zun.Cli.Commands;

/// <summary>One run of one command: its parse result, where it writes, and the client it connects on first use.</summary>
internal sealed class Invocation(
    ParseResult parse,
    CliConsole console,
    Renderer output,
    ZunClientOptions clientOptions,
    TimeSpan? timeout,
    Func<ZunClientOptions, CancellationToken, Task<IZunClient>> connect) : IAsyncDisposable
{
    private IZunClient? _client;

    public CliConsole Console => console;

    public Renderer Output => output;

    public ZunClientOptions ClientOptions => clientOptions;

    /// <summary><c>--timeout</c> when given: how long to wait for an outcome or an answer.</summary>
    public TimeSpan? Timeout => timeout;

    public T? Get<T>(Option<T> option) => parse.GetValue(option);

    /// <summary>An argument's value; the parser has already refused a command line that lacks a required one.</summary>
    public T Get<T>(Argument<T> argument) => parse.GetValue(argument)!;

    public async Task<IZunClient> ClientAsync(CancellationToken cancellationToken) =>
        _client ??= await connect(clientOptions, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (_client is not null)
            await _client.DisposeAsync();
    }
}
