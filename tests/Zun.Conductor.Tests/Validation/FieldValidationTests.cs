using Zun.Conductor.Commands;
using Zun.Conductor.Options;
using Zun.Conductor.Validation;
using Zun.Contracts;
using Zun.Hosting;

namespace Zun.Conductor.Tests.Validation;

/// <summary>
/// What Docker would refuse is refused by the conductor, naming the field: one row per bad input with a fragment of the
/// reason it must get, and good inputs that must pass. Commands are checked against a host of 2 cores and the default
/// memory bound.
/// </summary>
public sealed class FieldValidationTests
{
    private const string Sha256 = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    private static readonly ResourceLimits TwoCoreHost = new(new LimitsOptions().MaxMemoryMb, new HostCores(2, "host test-host"));

    private static readonly Dictionary<string, (object Command, string Reason)> Refused = new()
    {
        ["image with capitals in the repository"] = (Create(image: "127.0.0.1:5000/BusyBox:latest"),
            "image '127.0.0.1:5000/BusyBox:latest' is not a valid image reference: the repository name must be lowercase"),
        ["image with capitals and no registry"] = (Create(image: "Busybox"), "the repository name must be lowercase"),
        ["image with .."] = (Create(image: "busy..box"), "the path component 'busy..box' is not"),
        ["image with a name over 255 characters"] = (Create(image: new string('a', 256)), "the name is longer than 255 characters"),
        ["image with a space"] = (Create(image: "busybox latest"), "image 'busybox latest' is not a valid image reference: it contains whitespace"),
        ["image with a leading space"] = (Create(image: " busybox"), "it contains whitespace or control characters"),
        ["image with a newline"] = (Create(image: "busybox\n"), "image 'busybox\\n' is not a valid image reference: it contains whitespace"),
        ["image with a control character"] = (Create(image: "busy\u0001box"), "it contains whitespace or control characters"),
        ["image with an empty tag"] = (Create(image: "busybox:"), "the tag is empty"),
        ["image with a tag starting with -"] = (Create(image: "busybox:-rc"), "the tag may hold only"),
        ["image with a tag over 128 characters"] = (Create(image: "busybox:" + new string('t', 129)), "the tag is longer than 128 characters"),
        ["image with only a tag"] = (Create(image: ":latest"), "it has no name"),
        ["image with a leading /"] = (Create(image: "/busybox"), "empty path component"),
        ["image with a doubled /"] = (Create(image: "library//busybox"), "empty path component"),
        ["image with a component starting with -"] = (Create(image: "-busybox"), "the path component '-busybox'"),
        ["image with a triple underscore"] = (Create(image: "a___b"), "the path component 'a___b'"),
        ["image with a bad registry port"] = (Create(image: "localhost:port/busybox"), "the registry 'localhost:port'"),
        ["image with a short digest"] = (Create(image: "busybox@sha256:abc"), "a sha256 digest is 64 lowercase hex digits"),
        ["image with an uppercase digest"] = (Create(image: "busybox@sha256:" + Sha256.ToUpperInvariant()), "a sha256 digest is 64"),
        ["image with an unknown digest algorithm"] = (Create(image: "busybox@md5:" + Sha256), "the digest algorithm 'md5' is not one of"),
        ["image that is an image id"] = (Create(image: Sha256), "is an image id"),
        ["rebuild image with capitals"] = (new RebuildContainer { OperationId = Id(), ContainerId = Id(), Image = "BusyBox" },
            "image 'BusyBox' is not a valid image reference"),
        ["pull image with a space"] = (new PullImage { OperationId = Id(), Image = "busy box" }, "image 'busy box' is not a valid image reference"),
        ["pull image with .."] = (new PullImage { OperationId = Id(), Image = "a/..b" }, "the path component '..b'"),
        ["commit repository with capitals"] = (Commit(repository: "Snapshots"), "repository 'Snapshots' is not a valid image repository"),
        ["commit repository with a tag"] = (Commit(repository: "snapshots:v1"), "repository 'snapshots:v1' must not hold a tag or digest"),
        ["commit repository with a newline"] = (Commit(repository: "snap\nshots"), "repository 'snap\\nshots' is not a valid"),
        ["commit tag starting with ."] = (Commit(tag: ".v1"), "tag '.v1' is not a valid image tag"),
        ["commit tag with a space"] = (Commit(tag: "v 1"), "tag 'v 1' is not a valid image tag"),
        ["hostname with a newline"] = (Create(hostname: "web\nevil"), "hostname 'web\\nevil' is not an RFC 1123 host name"),
        ["hostname starting with -"] = (Create(hostname: "-web"), "hostname '-web' is not an RFC 1123 host name"),
        ["hostname ending with -"] = (Create(hostname: "web-"), "is not an RFC 1123 host name"),
        ["hostname with an empty label"] = (Create(hostname: "web..example"), "is not an RFC 1123 host name"),
        ["hostname ending with ."] = (Create(hostname: "web."), "is not an RFC 1123 host name"),
        ["hostname with an underscore"] = (Create(hostname: "web_1"), "is not an RFC 1123 host name"),
        ["hostname with a label over 63 characters"] = (Create(hostname: new string('h', 64)), "is not an RFC 1123 host name"),
        ["hostname over 253 characters"] = (Create(hostname: string.Join('.', Enumerable.Repeat(new string('h', 63), 4))), "at most 253 characters"),
        ["memory over Zun:Limits:MaxMemoryMb"] = (Create(memoryMb: 1024 * 1024 + 1),
            "memoryMb must be at most 1048576 (MiB, Zun:Limits:MaxMemoryMb), got 1048577"),
        ["memory of 2 PiB"] = (Create(memoryMb: int.MaxValue), "memoryMb must be at most 1048576"),
        ["update memory of 2 PiB"] = (Update(memoryMb: int.MaxValue), "memoryMb must be at most 1048576"),
        ["cpu above the host's cores"] = (Create(cpu: 2.5), "cpu must be at most 2 (the cores of host test-host), got 2.5"),
        ["update cpu above the host's cores"] = (Update(cpu: 64), "cpu must be at most 2 (the cores of host test-host), got 64"),
        ["cpu under a hundredth of a core"] = (Create(cpu: 0.001), "cpu must be at least 0.01 (cores), got 0.001"),
        ["update cpu under a hundredth of a core"] = (Update(cpu: 0.005), "cpu must be at least 0.01"),
        ["environment with an empty key"] = (Create(environment: new() { [""] = "x" }), "environment must not have an empty key"),
        ["environment key with ="] = (Create(environment: new() { ["A=B"] = "x" }), "environment key 'A=B' must not contain '='"),
        ["label with an empty key"] = (Create(labels: new() { [""] = "x" }), "labels must not have an empty key"),
        ["relative workdir"] = (Create(workdir: "app"), "workdir 'app' must be an absolute path"),
        ["workdir longer than PATH_MAX"] = (Create(workdir: "/" + new string('w', 4095)), "workdir must be at most 4095 characters, got 4096"),
        ["workdir with a newline"] = (Create(workdir: "/app\n"), "workdir '/app\\n' must not contain control characters"),
        ["name with a trailing newline"] = (Create(name: "web\n"), "name 'web\\n' is not valid"),
        ["exposed port with a trailing newline"] = (Create(exposedPorts: ["80\n"]), "exposedPorts entry '80\\n' is not a port"),
        ["argument one byte over MAX_ARG_STRLEN"] = (Create() with { Command = ["echo", new string('x', 131_072)] },
            "command item 2 is 131072 bytes; Linux takes at most 131071"),
        ["argument over MAX_ARG_STRLEN in UTF-8 bytes"] = (Create() with { Entrypoint = ["sh", new string('\u00e9', 65_536)] }, "entrypoint item 2 is 131072 bytes"),
        ["variable over MAX_ARG_STRLEN"] = (Create(environment: new() { ["BIG"] = new string('x', 131_068) }), "environment item 1 is 131072 bytes"),
        ["arguments and variables over 1 MiB together"] = (Create(environment: new() { ["A"] = new string('x', 100_000) })
            with { Command = ["echo", .. Enumerable.Repeat(new string('x', 100_000), 10)] }, "entrypoint, command and environment together are"),
        ["program longer than PATH_MAX"] = (Create() with { Command = ["/" + new string('x', 4095)] },
            "command item 1 (the program to run) must be at most 4095 characters, got 4096"),
        ["entrypoint longer than PATH_MAX"] = (Create() with { Entrypoint = [new string('x', 5000)], Command = ["short"] }, "entrypoint item 1 (the program"),
        ["argument with NUL"] = (Create() with { Command = ["echo", "a\0b"] }, "command must not contain NUL characters (item 2)"),
        ["exec argument over MAX_ARG_STRLEN"] = (new ExecInContainer { ContainerId = Id(), Command = ["echo", new string('x', 131_072)] },
            "command item 2 is 131072 bytes"),
    };

    private static readonly Dictionary<string, object> Accepted = new()
    {
        ["image from the local registry"] = Create(image: "127.0.0.1:5000/busybox:latest"),
        ["image by digest"] = Create(image: "docker.io/library/nginx@sha256:" + Sha256),
        ["image with separators in its path and a tag"] = Create(image: "localhost:5000/a/b-c_d.e:tag"),
        ["image with a bare name"] = Create(image: "busybox"),
        ["image with a tag of capitals and dots"] = Create(image: "nginx:V1.25-alpine_x"),
        ["image with a tag and a digest"] = Create(image: "nginx:latest@sha256:" + Sha256),
        ["image with a sha512 digest"] = Create(image: "ubuntu@sha512:" + Sha256 + Sha256),
        ["image from a registry with capitals and a port"] = Create(image: "Registry.Example.com:443/team/app__v2"),
        ["image from an IPv6 registry"] = Create(image: "[::1]:5000/busybox"),
        ["image with a deep path and dashes"] = Create(image: "a/b/c/d---e"),
        ["image with a name of exactly 255 characters"] = Create(image: new string('a', 255)),
        ["rebuild with its own image"] = new RebuildContainer { OperationId = Id(), ContainerId = Id() },
        ["pull from the local registry"] = new PullImage { OperationId = Id(), Image = "127.0.0.1:5000/busybox:latest" },
        ["commit to a registry"] = Commit(repository: "127.0.0.1:5000/snapshots", tag: "v1.0_rc"),
        ["commit without a tag"] = Commit(repository: "snapshots", tag: null),
        ["hostname of one label"] = Create(hostname: "web"),
        ["hostname of several labels"] = Create(hostname: "web-1.Example.com"),
        ["hostname of digits"] = Create(hostname: "10.0.0.1"),
        ["hostname with a 63-character label"] = Create(hostname: new string('h', 63)),
        ["memory at Zun:Limits:MaxMemoryMb"] = Create(memoryMb: 1024 * 1024),
        ["cpu of all the host's cores"] = Create(cpu: 2),
        ["cpu of a hundredth of a core"] = Create(cpu: 0.01),
        ["update to all the host's cores"] = Update(cpu: 2, memoryMb: 512),
        ["environment and labels"] = Create(environment: new() { ["PATH"] = "/bin", ["EMPTY"] = "" }, labels: new() { ["tier"] = "web" }),
        ["label key with ="] = Create(labels: new() { ["a=b"] = "c" }),
        ["absolute workdir"] = Create(workdir: "/srv/app data"),
        ["argument of exactly MAX_ARG_STRLEN less its NUL"] = Create() with { Command = ["echo", new string('x', 131_071)] },
    };

    public static TheoryData<string> RefusedInputs => new(Refused.Keys);

    public static TheoryData<string> AcceptedInputs => new(Accepted.Keys);

    [Theory]
    [MemberData(nameof(RefusedInputs))]
    public void What_Docker_would_refuse_is_refused_naming_the_field(string input)
    {
        var (command, expected) = Refused[input];

        var reason = Validate(command);

        Assert.NotNull(reason);
        Assert.Contains(expected, reason, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(AcceptedInputs))]
    public void What_Docker_accepts_passes(string input)
    {
        var reason = Validate(Accepted[input]);

        Assert.Null(reason);
    }

    [Fact]
    public void With_no_host_known_any_positive_cpu_passes()
    {
        var unknownHost = TwoCoreHost with { Cores = null };

        var reason = ContainerCommands.Validate(Create(cpu: 64), unknownHost);

        Assert.Null(reason);
    }

    [Fact]
    public void Reasons_quote_a_bounded_prefix_of_a_huge_value_and_say_how_long_it_was()
    {
        var name = new string('n', 1024 * 1024) + "!";

        var reason = Validate(Create(name: name));

        Assert.NotNull(reason);
        Assert.True(reason.Length < 300, $"the reason is {reason.Length} characters long");
        Assert.Contains($"name '{new string('n', Quoted.MaxLength)}'... (1048577 characters) is not valid", reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("az 1", "availabilityZone 'az 1' is not a zone name")]
    [InlineData("-az", "availabilityZone '-az' is not a zone name")]
    public void A_malformed_availability_zone_is_refused_naming_it(string zone, string expected)
    {
        Assert.StartsWith(expected, Validate(Create() with { AvailabilityZone = zone }), StringComparison.Ordinal);
    }

    [Fact]
    public void Zones_and_label_hints_as_workers_name_them_are_accepted()
    {
        Assert.Null(Validate(Create() with { AvailabilityZone = "eu-west:az1.b_2", Hints = new() { ["label:rack"] = "r1", ["label:disk.kind"] = "" } }));
    }

    [Theory]
    [InlineData("rack", "hints 'rack' is not a hint this scheduler reads (only label:<key>=<value>)")]
    [InlineData("label:", "hints label: must name a label (label:<key>)")]
    public void A_hint_no_filter_reads_is_refused_rather_than_ignored(string key, string expected)
    {
        Assert.Equal(expected, Validate(Create() with { Hints = new() { [key] = "x" } }));
    }

    private static string? Validate(object command) => command switch
    {
        PullImage pull => CommandValidator.Validate(pull),
        ExecInContainer exec => CommandValidator.Validate(exec),
        IContainerCommand containerCommand => ContainerCommands.Validate(containerCommand, TwoCoreHost),
        _ => throw new ArgumentException($"{command.GetType().Name} is not a command", nameof(command)),
    };

    private static Guid Id() => Guid.NewGuid();

    private static CreateContainer Create(
        string image = "busybox", string? hostname = null, int? memoryMb = null, double? cpu = null, string? name = null,
        Dictionary<string, string>? environment = null, Dictionary<string, string>? labels = null, string[]? exposedPorts = null,
        string? workdir = null) => new()
    {
        OperationId = Id(),
        ContainerId = Id(),
        Image = image,
        Hostname = hostname,
        MemoryMb = memoryMb,
        Cpu = cpu,
        Name = name,
        Environment = environment,
        Labels = labels,
        ExposedPorts = exposedPorts,
        Workdir = workdir,
    };

    private static UpdateContainer Update(double? cpu = null, int? memoryMb = null) =>
        new() { OperationId = Id(), ContainerId = Id(), Cpu = cpu, MemoryMb = memoryMb };

    private static CommitContainer Commit(string repository = "snapshots", string? tag = "v1") =>
        new() { OperationId = Id(), ContainerId = Id(), Repository = repository, Tag = tag };
}
