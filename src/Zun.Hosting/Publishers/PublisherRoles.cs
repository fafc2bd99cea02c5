namespace Zun.Hosting.Publishers;

/// <summary>The words of <c>Zun:Policy:Publishers</c> and <c>Zun:Policy:UnidentifiedPublisher</c> that are not project ids.</summary>
public static class PublisherRoles
{
    public const string Service = "service";
    public const string Host = "host";
    public const string Reject = "reject";
}
