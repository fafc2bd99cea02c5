using System.ComponentModel.DataAnnotations;

namespace Zun.Conductor.Interop;

/// <summary><c>Zun:JsonCommands</c>: where clients without MassTransit publish commands as plain JSON.</summary>
public sealed class JsonCommandOptions
{
    public const string Section = "Zun:JsonCommands";

    public bool Enabled { get; set; } = true;

    /// <summary>Durable topic exchange; the routing key is the command's name (<c>CreateContainer</c>).</summary>
    [Required, RegularExpression("^[a-zA-Z0-9_.:-]+$")]
    public string Exchange { get; set; } = "zun.commands";

    /// <summary>The queue bound to it; unreadable commands are parked in <c>&lt;queue&gt;_error</c>.</summary>
    [Required, RegularExpression("^[a-zA-Z0-9_.:-]+$")]
    public string Queue { get; set; } = "zun-conductor-json";
}
