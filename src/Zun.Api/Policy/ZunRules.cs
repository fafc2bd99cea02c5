namespace Zun.Api.Policy;

/// <summary>
/// Upstream Zun's policy rules (zun/common/policies/*.py), by upstream's names and with upstream's defaults. The
/// names the API checks are constants here; the rest are listed too, so that an operator's policy file written for
/// upstream Zun reads here without a warning about names not known.
/// </summary>
internal static class ZunRules
{
    public const string ContextIsAdmin = "context_is_admin";

    public const string ContainerCreate = "container:create";
    public const string ContainerCreateRuntime = "container:create:runtime";
    public const string ContainerCreatePrivileged = "container:create:privileged";
    public const string ContainerCreateRequestedDestination = "container:create:requested_destination";
    public const string ContainerCreateImagePullPolicy = "container:create:image_pull_policy";
    public const string ContainerDelete = "container:delete";
    public const string ContainerDeleteAllProjects = "container:delete_all_projects";
    public const string ContainerDeleteForce = "container:delete_force";
    public const string ContainerGetOne = "container:get_one";
    public const string ContainerGetOneAllProjects = "container:get_one_all_projects";
    public const string ContainerGetAll = "container:get_all";
    public const string ContainerGetAllAllProjects = "container:get_all_all_projects";
    public const string ContainerUpdate = "container:update";
    public const string ContainerStop = "container:stop";
    public const string ContainerActions = "container:actions";
    public const string HostGetAll = "host:get_all";
    public const string HostGet = "host:get";
    public const string ZunServiceGetAll = "zun-service:get_all";
    public const string ImagePull = "image:pull";
    public const string ImageGetAll = "image:get_all";
    public const string QuotaUpdate = "quota:update";
    public const string QuotaDelete = "quota:delete";
    public const string QuotaGet = "quota:get";
    public const string QuotaGetDefault = "quota:get_default";
    public const string QuotaClassUpdate = "quota_class:update";
    public const string QuotaClassGet = "quota_class:get";

    // Upstream's check strings (zun/common/policies/base.py), used as written there rather than through rule: names.
    private const string AdminOrOwner = "is_admin:True or project_id:%(project_id)s";
    private const string AdminApi = "rule:context_is_admin";
    private const string DenyEverybody = "rule:deny_everybody";
    private const string RoleAdmin = "role:admin";

    /// <summary>Every upstream default, in upstream's order.</summary>
    public static readonly IReadOnlyList<(string Name, string Check)> Defaults =
    [
        (ContextIsAdmin, RoleAdmin),
        ("admin_or_owner", AdminOrOwner),
        ("admin_api", AdminApi),
        ("deny_everybody", "!"),

        (ContainerCreate, AdminOrOwner),
        (ContainerCreateRuntime, AdminApi),
        (ContainerCreatePrivileged, DenyEverybody),
        (ContainerCreateRequestedDestination, AdminApi),
        (ContainerCreateImagePullPolicy, AdminApi),
        (ContainerDelete, AdminOrOwner),
        (ContainerDeleteAllProjects, AdminApi),
        (ContainerDeleteForce, AdminApi),
        (ContainerGetOne, AdminOrOwner),
        (ShowKey("host"), AdminApi),
        (ShowKey("image_pull_policy"), AdminApi),
        (ShowKey("privileged"), AdminApi),
        (ShowKey("runtime"), AdminApi),
        (ContainerGetOneAllProjects, AdminApi),
        (ContainerGetAll, AdminOrOwner),
        (ContainerGetAllAllProjects, AdminApi),
        (ContainerUpdate, AdminOrOwner),
        (Action("start"), AdminOrOwner),
        (ContainerStop, AdminOrOwner),
        (Action("reboot"), AdminOrOwner),
        (Action("pause"), AdminOrOwner),
        (Action("unpause"), AdminOrOwner),
        (Action("logs"), AdminOrOwner),
        (Action("execute"), AdminOrOwner),
        (Action("execute_resize"), AdminOrOwner),
        (Action("kill"), AdminOrOwner),
        (Action("rename"), AdminOrOwner),
        (Action("attach"), AdminOrOwner),
        (Action("resize"), AdminOrOwner),
        (Action("top"), AdminOrOwner),
        (Action("get_archive"), AdminOrOwner),
        (Action("put_archive"), AdminOrOwner),
        (Action("stats"), AdminOrOwner),
        (Action("commit"), AdminOrOwner),
        (Action("add_security_group"), AdminOrOwner),
        (Action("network_detach"), AdminOrOwner),
        (Action("network_attach"), AdminOrOwner),
        (Action("remove_security_group"), AdminOrOwner),
        (Action("rebuild"), AdminOrOwner),
        (Action("resize_container"), AdminOrOwner),

        (ImagePull, AdminApi),
        (ImageGetAll, AdminApi),
        ("image:get_one", AdminApi),
        ("image:search", AdminOrOwner),
        ("image:delete", AdminApi),

        ("zun-service:delete", AdminApi),
        ("zun-service:disable", AdminApi),
        ("zun-service:enable", AdminApi),
        ("zun-service:force_down", AdminApi),
        (ZunServiceGetAll, AdminApi),

        (HostGetAll, AdminApi),
        (HostGet, AdminApi),

        ("capsule:create", AdminOrOwner),
        ("capsule:delete", AdminOrOwner),
        ("capsule:delete_all_projects", AdminApi),
        ("capsule:get", AdminOrOwner),
        ("capsule:get:host", AdminApi),
        ("capsule:get_one_all_projects", AdminApi),
        ("capsule:get_all", AdminOrOwner),
        ("capsule:get_all_all_projects", AdminApi),

        ("network:attach_external_network", RoleAdmin),
        ("network:create", RoleAdmin),
        ("network:delete", RoleAdmin),

        (ContainerActions, AdminOrOwner),
        ("container:action:events", AdminApi),

        ("availability_zones:get_all", AdminOrOwner),

        (QuotaUpdate, AdminApi),
        (QuotaDelete, AdminApi),
        (QuotaGet, AdminOrOwner),
        (QuotaGetDefault, AdminOrOwner),

        (QuotaClassUpdate, AdminApi),
        (QuotaClassGet, AdminApi),

        ("registry:create", AdminOrOwner),
        ("registry:delete", AdminOrOwner),
        ("registry:get_one", AdminOrOwner),
        ("registry:get_all", AdminOrOwner),
        ("registry:get_all_all_projects", AdminApi),
        ("registry:update", AdminOrOwner),
    ];

    /// <summary>
    /// The rule of a container action (<c>container:start</c>, <c>container:resize_container</c>): upstream names each
    /// after the action's path segment.
    /// </summary>
    public static string Action(string action) => $"container:{action}";

    /// <summary>
    /// The rule that shows a key of the container view to the caller (<c>container:get_one:host</c>), and allows a list
    /// filtered by it; a key no rule names is shown to everyone, as upstream checks these only where they exist.
    /// </summary>
    public static string ShowKey(string key) => $"container:get_one:{key}";
}
