namespace Zun.Api.Policy;

/// <summary>An operator's policy file that cannot be used, naming the file and the line: the API does not start with it.</summary>
public sealed class PolicyFileException : Exception
{
    public PolicyFileException(string path, long line, string reason)
        : base($"The policy file {path} (Zun:Api:PolicyFile) cannot be used: line {line}: {reason}")
    {
        Path = path;
        Line = line;
    }

    public PolicyFileException(string path, string reason)
        : base($"The policy file {path} (Zun:Api:PolicyFile) cannot be used: {reason}")
    {
        Path = path;
    }

    public PolicyFileException()
        : this("", "it cannot be read")
    {
    }

    public PolicyFileException(string message, Exception innerException)
        : base(message, innerException)
    {
        Path = "";
    }

    public string Path { get; } = "";

    /// <summary>1-based; 0 when the fault is not on one line (the file is missing).</summary>
    public long Line { get; }
}
