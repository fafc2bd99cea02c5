// MassTransit's test harness logs to the console; this puts each test's log lines in that test's output.
[assembly: CaptureConsole]
