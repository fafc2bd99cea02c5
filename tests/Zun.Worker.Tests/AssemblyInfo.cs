using Zun.Worker.Tests.Infrastructure;

[assembly: AssemblyFixture(typeof(DockerHost))]
