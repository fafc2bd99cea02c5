namespace Zun.Contracts;

/// <summary>
/// An operator's command about one host's worker (upstream's <c>zun-compute</c> service), answered with the
/// <see cref="ServiceState"/> it leaves, or <see cref="RequestRejected"/> saying why not. Only a service may send one.
/// </summary>
public interface IServiceCommand
{
    string Host { get; }
}
