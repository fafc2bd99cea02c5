using Zun.IntegrationTests.Infrastructure;

[assembly: AssemblyFixture(typeof(SharedZun))]
