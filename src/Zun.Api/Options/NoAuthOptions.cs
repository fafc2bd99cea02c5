using System.ComponentModel.DataAnnotations;

namespace Zun.Api.Options;

/// <summary>Who a request acts for when nothing authenticates it: <c>Zun:Api:NoAuth</c>.</summary>
public sealed class NoAuthOptions
{
    /// <summary>The project of requests that send no <c>X-Project-Id</c> header.</summary>
    [Required]
    public string ProjectId { get; set; } = "default";

    /// <summary>The user of requests that send no <c>X-User-Id</c> header.</summary>
    public string UserId { get; set; } = "admin";
}
