using MassTransit;

namespace Zun.Conductor.StateMachines.Activities;

/// <summary>
/// A step that acts on the saga instance whatever the message: MassTransit's activity plumbing once, the step itself in
/// <see cref="Apply"/>.
/// </summary>
internal abstract class InstanceActivity<TInstance> : IStateMachineActivity<TInstance>
    where TInstance : class, SagaStateMachineInstance
{
    /// <summary>The name the activity has in the machine's probe.</summary>
    protected abstract string Name { get; }

    public async Task Execute(BehaviorContext<TInstance> context, IBehavior<TInstance> next)
    {
        await Apply(context);
        await next.Execute(context);
    }

    public async Task Execute<T>(BehaviorContext<TInstance, T> context, IBehavior<TInstance, T> next)
        where T : class
    {
        await Apply(context);
        await next.Execute(context);
    }

    public Task Faulted<TException>(BehaviorExceptionContext<TInstance, TException> context, IBehavior<TInstance> next)
        where TException : Exception => next.Faulted(context);

    public Task Faulted<T, TException>(BehaviorExceptionContext<TInstance, T, TException> context, IBehavior<TInstance, T> next)
        where T : class
        where TException : Exception => next.Faulted(context);

    public void Probe(ProbeContext context) => context.CreateScope(Name);

    public void Accept(StateMachineVisitor visitor) => visitor.Visit(this);

    protected abstract Task Apply(BehaviorContext<TInstance> context);
}
