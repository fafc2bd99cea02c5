using MassTransit;
using MassTransit.Middleware;

namespace Zun.Hosting.Moves;

/// <summary>
/// Gives every receive endpoint error and dead-letter pipes that move a message without its AMQP <c>user_id</c>.
/// </summary>
/// <remarks>
/// MassTransit moves a message it could not consume (<c>_error</c>) or had no consumer for (<c>_skipped</c>) with the
/// message's own properties. RabbitMQ refuses a <c>user_id</c> other than the connection's own unless that user is an
/// impersonator, and an impersonator's credentials could forge any publisher. Moving as the transport's own user keeps
/// Zun's broker users ordinary: the original publisher stays readable in <see cref="MovedMessage.PublisherHeader"/>.
/// </remarks>
public sealed class MovesAsTransportUser : IEndpointConfigurationObserver
{
    /// <inheritdoc />
    public void EndpointConfigured<T>(T configurator)
        where T : IReceiveEndpointConfigurator
    {
        configurator.ConfigureError(error =>
        {
            error.UseFilter(new GenerateFaultFilter());
            error.UseFilter(new MoveToErrorQueue());
        });
        configurator.ConfigureDeadLetter(deadLetter => deadLetter.UseFilter(new MoveToDeadLetterQueue()));
    }
}
