using System.IO;
using Xunit;

namespace Identification.Solution.Tests;

/// <summary>deploy/deploy.sh: what it asks pac to do, and how it refuses a bad pac-config.json before doing anything.</summary>
public sealed class DeployScriptTests : System.IDisposable
{
    private const string Url = "https://contoso.crm.dynamics.com";

    private readonly DeployScript _deploy = new();

    public void Dispose() => _deploy.Dispose();

    [Fact]
    public void Signs_in_with_a_device_code_then_imports_the_zip_activating_its_plugins()
    {
        _deploy.WriteConfig(DeployScript.ValidConfig("deviceCode"));
        _deploy.CreateZip();

        var result = _deploy.Run("--config", _deploy.ConfigPath, "--no-build");

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Equal(
            new[]
            {
                new[] { "auth", "create", "--environment", Url, "--deviceCode" },
                new[] { "solution", "import", "--path", _deploy.ZipPath, "--activate-plugins" },
            },
            result.PacCalls);
        Assert.Empty(result.DotnetCalls);
    }

    [Fact]
    public void Interactive_sign_in_names_only_the_environment()
    {
        _deploy.WriteConfig(DeployScript.ValidConfig("interactive"));
        _deploy.CreateZip();

        var result = _deploy.Run("--config", _deploy.ConfigPath, "--no-build");

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Equal(new[] { "auth", "create", "--environment", Url }, result.PacCalls[0]);
    }

    [Fact]
    public void A_configuration_saved_with_a_byte_order_mark_and_CRLF_line_ends_is_read()
    {
        _deploy.WriteConfig("\uFEFF" + DeployScript.ValidConfig().ReplaceLineEndings("\r\n"));
        _deploy.CreateZip();

        var result = _deploy.Run("--config", _deploy.ConfigPath, "--no-build");

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Equal(2, result.PacCalls.Count);
    }

    [Fact]
    public void A_service_principal_signs_in_with_credentials_from_the_environment_and_the_secret_is_not_printed()
    {
        _deploy.WriteConfig(DeployScript.ValidConfig("servicePrincipal"));
        _deploy.CreateZip();
        _deploy.Environment["PAC_TENANT_ID"] = "tenant-1";
        _deploy.Environment["PAC_APPLICATION_ID"] = "app-2";
        _deploy.Environment["PAC_CLIENT_SECRET"] = "s3cret";

        var result = _deploy.Run("--config", _deploy.ConfigPath, "--no-build");

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Equal(
            new[] { "auth", "create", "--environment", Url, "--tenant", "tenant-1", "--applicationId", "app-2", "--clientSecret", "s3cret" },
            result.PacCalls[0]);
        Assert.DoesNotContain("s3cret", result.Output + result.Error, System.StringComparison.Ordinal);
    }

    [Fact]
    public void Builds_the_zip_where_zipPath_says_before_importing_it()
    {
        _deploy.WriteConfig(DeployScript.ValidConfig());

        var result = _deploy.Run("--config", _deploy.ConfigPath);

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Equal(
            new[]
            {
                new[]
                {
                    "build", Path.Combine(Built.RepoRoot, "Solution", "Identification.Solution.csproj"),
                    "-c", "Release", "--nologo", "-p:SolutionZip=" + _deploy.ZipPath,
                },
            },
            result.DotnetCalls);
        Assert.Equal(new[] { "solution", "import", "--path", _deploy.ZipPath, "--activate-plugins" }, result.PacCalls[1]);
    }

    [Fact]
    public void A_relative_zipPath_is_read_from_the_repository_root()
    {
        _deploy.WriteConfig(DeployScript.ValidConfig(zipPath: "deploy/no-such-folder/CustomerIdentification.zip"));

        var result = _deploy.Run("--config", _deploy.ConfigPath, "--no-build");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(Path.Combine(Built.RepoRoot, "deploy/no-such-folder/CustomerIdentification.zip"), result.Error, System.StringComparison.Ordinal);
        Assert.Empty(result.PacCalls);
    }

    [Fact]
    public void A_failed_build_imports_nothing()
    {
        _deploy.WriteConfig(DeployScript.ValidConfig());
        _deploy.Environment["BUILD_FAILS"] = "1";

        var result = _deploy.Run("--config", _deploy.ConfigPath);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("build failed", result.Error, System.StringComparison.Ordinal);
        Assert.Empty(result.PacCalls);
    }

    [Fact]
    public void A_failed_sign_in_imports_nothing()
    {
        _deploy.WriteConfig(DeployScript.ValidConfig());
        _deploy.CreateZip();
        _deploy.Environment["PAC_FAILS_ON"] = "auth create";

        var result = _deploy.Run("--config", _deploy.ConfigPath, "--no-build");

        Assert.Equal(3, result.ExitCode);
        Assert.Single(result.PacCalls);
    }

    [Fact]
    public void Without_pac_on_PATH_it_says_how_to_install_it_and_builds_nothing()
    {
        _deploy.WriteConfig(DeployScript.ValidConfig());
        _deploy.RemoveStandIn("pac");

        var result = _deploy.Run("--config", _deploy.ConfigPath);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("dotnet tool install --global Microsoft.PowerApps.CLI.Tool", result.Error, System.StringComparison.Ordinal);
        Assert.Empty(result.DotnetCalls);
    }

    public static TheoryData<string, string?, string> BadConfigurations => new()
    {
        { "missing file", null, "no configuration at" },
        { "not JSON", """{ "environmentUrl": "https://contoso.crm.dynamics.com", """, "is not valid JSON" },
        { "an array", """["https://contoso.crm.dynamics.com"]""", "is not valid JSON" },
        { "text after the object", DeployScript.ValidConfig() + " }", "is not valid JSON" },
        { "missing key", DeployScript.ValidConfigWithout("environmentUrl"), "\"environmentUrl\" is missing or empty" },
        { "misspelt key", DeployScript.ValidConfig().Replace("\"zipPath\"", "\"zipFile\"", System.StringComparison.Ordinal), "unknown key \"zipFile\"" },
        { "empty value", DeployScript.ValidConfig().Replace("\"idf\"", "\"\"", System.StringComparison.Ordinal), "\"publisherPrefix\" is missing or empty" },
        { "a number", DeployScript.ValidConfig().Replace("\"deviceCode\"", "1", System.StringComparison.Ordinal), "\"auth\" must be a string" },
        { "duplicate key", DeployScript.ValidConfig().Replace("\"auth\"", "\"solutionName\": \"CustomerIdentification\", \"auth\"", System.StringComparison.Ordinal), "\"solutionName\" appears twice" },
        { "a secret in the file", DeployScript.ValidConfig().Replace("\"auth\"", "\"clientSecret\": \"x\", \"auth\"", System.StringComparison.Ordinal), "unknown key \"clientSecret\"" },
        { "http URL", DeployScript.ValidConfig().Replace("https://", "http://", System.StringComparison.Ordinal), "environmentUrl must start with https://" },
        { "URL of a page", DeployScript.ValidConfig().Replace(".com\"", ".com/main.aspx?appid=1\"", System.StringComparison.Ordinal), "the environment's address only" },
        { "example URL", DeployScript.ValidConfig().Replace("contoso", "yourorg", System.StringComparison.Ordinal), "still the example" },
        { "another solution", DeployScript.ValidConfig().Replace("\"CustomerIdentification\"", "\"Other\"", System.StringComparison.Ordinal), "Solution/ builds 'CustomerIdentification'" },
        { "another prefix", DeployScript.ValidConfig().Replace("\"idf\"", "\"new\"", System.StringComparison.Ordinal), "publisher uses 'idf'" },
        { "unknown auth", DeployScript.ValidConfig("password"), "auth must be interactive, deviceCode or servicePrincipal" },
        { "service principal without credentials", DeployScript.ValidConfig("servicePrincipal"), "environment variable PAC_TENANT_ID is not set" },
        { "zip is not a zip", DeployScript.ValidConfig(zipPath: "Solution/bin/Release/solution.txt"), "zipPath must name a .zip file" },
    };

    [Theory]
    [MemberData(nameof(BadConfigurations))]
    public void A_bad_configuration_is_refused_before_anything_runs(string problem, string? config, string message)
    {
        if (config != null) _deploy.WriteConfig(config);
        _deploy.CreateZip();

        var result = _deploy.Run("--config", _deploy.ConfigPath);

        Assert.True(result.ExitCode == 2, $"{problem}: exit {result.ExitCode}");
        Assert.Contains(message, result.Error, System.StringComparison.Ordinal);
        Assert.Empty(result.DotnetCalls);
        Assert.Empty(result.PacCalls);
    }

    [Fact]
    public void A_missing_zip_is_refused_before_pac_runs_when_told_not_to_build()
    {
        _deploy.WriteConfig(DeployScript.ValidConfig());

        var result = _deploy.Run("--config", _deploy.ConfigPath, "--no-build");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("does not exist", result.Error, System.StringComparison.Ordinal);
        Assert.Empty(result.PacCalls);
    }
}
