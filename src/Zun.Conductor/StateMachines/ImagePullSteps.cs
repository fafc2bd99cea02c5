using MassTransit;
using Zun.Conductor.StateMachines.Activities;

namespace Zun.Conductor.StateMachines;

/// <summary>The named steps the image-pull machine is written in.</summary>
internal static class ImagePullSteps
{
    public static EventActivityBinder<ImagePull, T> PublishRaised<T>(this EventActivityBinder<ImagePull, T> binder)
        where T : class =>
        binder.Activity(x => x.OfInstanceType<PublishRaisedEventsActivity<ImagePull>>());

    /// <summary>Places the pull (<see cref="PlaceImagePullActivity"/>) and sends it if it found a host; otherwise <paramref name="unplaced"/>.</summary>
    public static EventActivityBinder<ImagePull, T> PlaceThenSend<T>(
        this EventActivityBinder<ImagePull, T> binder,
        ImagePullStateMachine machine,
        Func<EventActivityBinder<ImagePull, T>, EventActivityBinder<ImagePull, T>> unplaced)
        where T : class =>
        binder
            .Activity(x => x.OfInstanceType<PlaceImagePullActivity>())
            .IfElse(c => c.Saga.Host is null, unplaced, placed => placed.SendPullToHost(machine).PublishRaised().TransitionTo(machine.Pulling));

    /// <summary>Sets the deadline of the pull's wait for a worker.</summary>
    public static EventActivityBinder<ImagePull, T> ScheduleWaitForHost<T>(this EventActivityBinder<ImagePull, T> binder, ImagePullStateMachine machine)
        where T : class =>
        binder.Schedule(
            machine.PullDeadline,
            c => new OperationDeadlineExpired { OperationId = c.Saga.CorrelationId, AwaitingHost = true },
            _ => machine.PlacementDeadline);

    /// <summary>Sends the pull to its host and sets its deadline.</summary>
    public static EventActivityBinder<ImagePull, T> SendPullToHost<T>(this EventActivityBinder<ImagePull, T> binder, ImagePullStateMachine machine)
        where T : class =>
        binder
            .ThenAsync(async c =>
            {
                var host = await c.GetSendEndpoint(new Uri($"exchange:{c.Saga.HostEndpoint}"));
                await host.Send(c.Saga.SendPull(machine.Now, machine.Deadline), c.CancellationToken);
            })
            .Schedule(machine.PullDeadline, c => new OperationDeadlineExpired { OperationId = c.Saga.CorrelationId });
}
