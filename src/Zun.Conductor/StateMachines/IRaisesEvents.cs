namespace Zun.Conductor.StateMachines;

/// <summary>A saga instance whose decisions raise the events that say what they changed, for the machine to publish.</summary>
public interface IRaisesEvents
{
    /// <summary>What the decisions on the current message raised, in order; the list is empty afterwards.</summary>
    IReadOnlyList<object> TakeRaised();
}
