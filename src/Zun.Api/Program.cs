using Zun.Api;

// appsettings.json ships beside the binary, wherever the process is started from.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.Logging.AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "HH:mm:ss.fff "; });
builder.AddZunApi();
var app = builder.Build();
app.MapZunApi();
app.Run();
