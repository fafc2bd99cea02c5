using MassTransit;

namespace Zun.Hosting.Moves;

/// <summary>A faulted message as the error transport should see it: <see cref="MovedMessage"/> with the fault's details.</summary>
internal sealed class MovedFaultedMessage(ExceptionReceiveContext faulted) : MovedMessage(faulted), ExceptionReceiveContext
{
    public Exception Exception => faulted.Exception;
    public DateTime ExceptionTimestamp => faulted.ExceptionTimestamp;
    public ExceptionInfo ExceptionInfo => faulted.ExceptionInfo;
    public SendHeaders ExceptionHeaders => faulted.ExceptionHeaders;
}
