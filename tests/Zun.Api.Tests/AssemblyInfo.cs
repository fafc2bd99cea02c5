using Zun.Api.Tests.Infrastructure;

[assembly: AssemblyFixture(typeof(ApiZun))]
