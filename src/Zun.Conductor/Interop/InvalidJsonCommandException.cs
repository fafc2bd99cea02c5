namespace Zun.Conductor.Interop;

/// <summary>A plain-JSON command that cannot be read: retrying cannot help, so it goes straight to the error queue.</summary>
public sealed class InvalidJsonCommandException(string message, Exception? inner = null) : Exception(message, inner);
