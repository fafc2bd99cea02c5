using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace Zun.Conductor.Operations;

/// <summary>Puts <see cref="OperationClaimFilter{T}"/> in the pipe of every message type that claims an operation id.</summary>
internal static class OperationClaimPipeExtensions
{
    public static void UseOperationClaims<T>(this IPipeConfigurator<ConsumeContext<T>> pipe, IRegistrationContext context)
        where T : class
    {
        if (OperationClaims.AreMadeBy(typeof(T)))
            pipe.UseFilter(ActivatorUtilities.CreateInstance<OperationClaimFilter<T>>(context));
    }
}
