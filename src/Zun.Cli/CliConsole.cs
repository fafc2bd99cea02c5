using Spectre.Console;

namespace Zun.Cli;

/// <summary>Where <c>zun</c> writes: results to stdout (tables through Spectre.Console), reasons to stderr.</summary>
internal sealed class CliConsole
{
    public CliConsole(TextWriter output, TextWriter error, bool isTerminal)
    {
        Out = output;
        Error = error;
        IsTerminal = isTerminal;
        Ansi = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = isTerminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = isTerminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = isTerminal ? InteractionSupport.Detect : InteractionSupport.No,
        });

        // Piped output is read by programs and people's pagers: wrap tables late rather than at 80 columns.
        if (!isTerminal)
            Ansi.Profile.Width = 200;
    }

    /// <summary>The process's own standard streams; a terminal when stdout is not redirected.</summary>
    public static CliConsole System() => new(Console.Out, Console.Error, !Console.IsOutputRedirected);

    public TextWriter Out { get; }

    public TextWriter Error { get; }

    public IAnsiConsole Ansi { get; }

    /// <summary>stdout is a terminal: spinners and progress may be shown.</summary>
    public bool IsTerminal { get; }

    /// <summary>Writes <c>zun: reason</c> as one line on stderr, whatever line breaks the reason has.</summary>
    public void Fail(string reason) => Error.WriteLine($"zun: {OneLine(reason)}");

    /// <summary>A note on stderr (not part of the result on stdout).</summary>
    public void Note(string text) => Error.WriteLine($"zun: {OneLine(text)}");

    public static string OneLine(string text) =>
        string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
