using System;
using System.IO;
using System.Linq;
using Xunit;

namespace Identification.Solution.Tests;

/// <summary>
/// deploy/deploy.sh: what it asks pac to do — sign in, ask the environment which tables it has, import the core and each
/// channel solution whose tables are there — and how it refuses a bad pac-config.json before doing anything.
/// </summary>
public sealed class DeployScriptTests : IDisposable
{
    private const string Url = "https://contoso.crm.dynamics.com";

    // The table definitions the solutions need, asked in one query of the entity table.
    private const string TablesQuery =
        "<fetch><entity name='entity'><attribute name='logicalname'/><filter><condition attribute='logicalname' operator='in'>" +
        "<value>msdyn_livechatengagementctx</value><value>msdyn_ocliveworkitem</value><value>msdyn_ocliveworkitemcontextitem</value>" +
        "<value>msdyn_ocphonecallengagementctx</value><value>msdyn_smsengagementctx</value>" +
        "</condition></filter></entity></fetch>";

    private static readonly string[] CoreTables = ["msdyn_ocliveworkitem", "msdyn_ocliveworkitemcontextitem", "msdyn_livechatengagementctx"];

    private readonly DeployScript _deploy = new();

    public void Dispose() => _deploy.Dispose();

    [Fact]
    public void Signs_in_asks_which_tables_the_environment_has_then_imports_the_core_and_both_channels_activating_their_plugins()
    {
        _deploy.WriteConfig(DeployScript.ValidConfig("deviceCode"));
        _deploy.CreateZips();

        var result = _deploy.Run("--config", _deploy.ConfigPath, "--no-build");

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Equal(
            new[]
            {
                new[] { "auth", "create", "--environment", Url, "--deviceCode" },
                new[] { "env", "fetch", "--xml", TablesQuery },
                Import(SolutionPackage.Core),
                Import(SolutionPackage.Sms),
                Import(SolutionPackage.Voice),
            },
            result.PacCalls);
        Assert.Empty(result.DotnetCalls);
        Assert.Contains(
            $"deploy: imported CustomerIdentification, CustomerIdentificationSms, CustomerIdentificationVoice into {Url}\n",
            result.Output,
            StringComparison.Ordinal);
    }

    [Fact]
    public void Without_the_SMS_and_voice_tables_it_imports_the_core_alone_and_says_what_it_skipped_and_why()
    {
        _deploy.WriteConfig(DeployScript.ValidConfig());
        _deploy.CreateZips();
        _deploy.EnvironmentTables = CoreTables;

        var result = _deploy.Run("--config", _deploy.ConfigPath, "--no-build");

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Equal(Import(SolutionPackage.Core), Assert.Single(result.PacCalls, call => call[0] == "solution"));
        Assert.Contains("skipping CustomerIdentificationSms: the environment has no msdyn_smsengagementctx, so that channel is not installed", result.Output, StringComparison.Ordinal);
        Assert.Contains("skipping CustomerIdentificationVoice: the environment has no msdyn_ocphonecallengagementctx, so that channel is not installed", result.Output, StringComparison.Ordinal);
        Assert.Contains(
            $"deploy: imported CustomerIdentification into {Url}; skipped CustomerIdentificationSms (no msdyn_smsengagementctx), CustomerIdentificationVoice (no msdyn_ocphonecallengagementctx)\n",
            result.Output,
            StringComparison.Ordinal);
    }

    [Fact]
    public void With_voice_but_not_SMS_it_imports_the_core_then_voice()
    {
        _deploy.WriteConfig(DeployScript.ValidConfig());
        _deploy.CreateZips();
        _deploy.EnvironmentTables = [.. CoreTables, "msdyn_ocphonecallengagementctx"];

        var result = _deploy.Run("--config", _deploy.ConfigPath, "--no-build");

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Equal(
            new[] { Import(SolutionPackage.Core), Import(SolutionPackage.Voice) },
            result.PacCalls.Where(call => call[0] == "solution"));
        Assert.Contains("skipped CustomerIdentificationSms (no msdyn_smsengagementctx)", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void With_SMS_but_not_voice_it_imports_the_core_then_SMS()
    {
        _deploy.WriteConfig(DeployScript.ValidConfig());
        _deploy.CreateZips();
        _deploy.EnvironmentTables = [.. CoreTables, "msdyn_smsengagementctx"];

        var result = _deploy.Run("--config", _deploy.ConfigPath, "--no-build");

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Equal(
            new[] { Import(SolutionPackage.Core), Import(SolutionPackage.Sms) },
            result.PacCalls.Where(call => call[0] == "solution"));
        Assert.Contains("skipped CustomerIdentificationVoice (no msdyn_ocphonecallengagementctx)", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_Omnichannel_nothing_is_imported_and_it_names_the_missing_tables()
    {
        _deploy.WriteConfig(DeployScript.ValidConfig());
        _deploy.CreateZips();
        _deploy.EnvironmentTables = ["msdyn_smsengagementctx"];

        var result = _deploy.Run("--config", _deploy.ConfigPath, "--no-build");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(
            $"{Url} has no msdyn_ocliveworkitem, msdyn_ocliveworkitemcontextitem, msdyn_livechatengagementctx, which CustomerIdentification needs",
            result.Error,
            StringComparison.Ordinal);
        Assert.DoesNotContain(result.PacCalls, call => call[0] == "solution");
    }

    [Fact]
    public void A_table_the_answer_only_repeats_from_the_query_does_not_count_as_present()
    {
        _deploy.WriteConfig(DeployScript.ValidConfig());
        _deploy.CreateZips();
        _deploy.EnvironmentTables = CoreTables;
        _deploy.Environment["PAC_ECHOES_QUERY"] = "1";

        var result = _deploy.Run("--config", _deploy.ConfigPath, "--no-build");

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Equal(Import(SolutionPackage.Core), Assert.Single(result.PacCalls, call => call[0] == "solution"));
    }

    [Fact]
    public void A_failed_table_query_imports_nothing()
    {
        _deploy.WriteConfig(DeployScript.ValidConfig());
        _deploy.CreateZips();
        _deploy.Environment["PAC_FAILS_ON"] = "env fetch";

        var result = _deploy.Run("--config", _deploy.ConfigPath, "--no-build");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("could not ask the environment for its tables; nothing was imported", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(result.PacCalls, call => call[0] == "solution");
    }

    [Fact]
    public void Interactive_sign_in_names_only_the_environment()
    {
        _deploy.WriteConfig(DeployScript.ValidConfig("interactive"));
        _deploy.CreateZips();

        var result = _deploy.Run("--config", _deploy.ConfigPath, "--no-build");

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Equal(new[] { "auth", "create", "--environment", Url }, result.PacCalls[0]);
    }

    [Fact]
    public void A_configuration_saved_with_a_byte_order_mark_and_CRLF_line_ends_is_read()
    {
        _deploy.WriteConfig("\uFEFF" + DeployScript.ValidConfig().ReplaceLineEndings("\r\n"));
        _deploy.CreateZips();

        var result = _deploy.Run("--config", _deploy.ConfigPath, "--no-build");

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Equal(3, result.PacCalls.Count(call => call[0] == "solution"));
    }

    [Fact]
    public void A_service_principal_signs_in_with_credentials_from_the_environment_and_the_secret_is_not_printed()
    {
        _deploy.WriteConfig(DeployScript.ValidConfig("servicePrincipal"));
        _deploy.CreateZips();
        _deploy.Environment["PAC_TENANT_ID"] = "tenant-1";
        _deploy.Environment["PAC_APPLICATION_ID"] = "app-2";
        _deploy.Environment["PAC_CLIENT_SECRET"] = "s3cret";

        var result = _deploy.Run("--config", _deploy.ConfigPath, "--no-build");

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Equal(
            new[] { "auth", "create", "--environment", Url, "--tenant", "tenant-1", "--applicationId", "app-2", "--clientSecret", "s3cret" },
            result.PacCalls[0]);
        Assert.DoesNotContain("s3cret", result.Output + result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Builds_the_zips_into_solutionFolder_before_importing_them()
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
                    "-c", "Release", "--nologo", "-p:SolutionOutputDirectory=" + _deploy.SolutionFolder,
                },
            },
            result.DotnetCalls);
        Assert.Equal(
            new[] { Import(SolutionPackage.Core), Import(SolutionPackage.Sms), Import(SolutionPackage.Voice) },
            result.PacCalls.Where(call => call[0] == "solution"));
    }

    [Fact]
    public void A_relative_solutionFolder_is_read_from_the_repository_root()
    {
        _deploy.WriteConfig(DeployScript.ValidConfig(solutionFolder: "deploy/no-such-folder"));

        var result = _deploy.Run("--config", _deploy.ConfigPath, "--no-build");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(Path.Combine(Built.RepoRoot, "deploy/no-such-folder/import-order.txt"), result.Error, StringComparison.Ordinal);
        Assert.Empty(result.PacCalls);
    }

    [Fact]
    public void A_failed_build_imports_nothing()
    {
        _deploy.WriteConfig(DeployScript.ValidConfig());
        _deploy.Environment["BUILD_FAILS"] = "1";

        var result = _deploy.Run("--config", _deploy.ConfigPath);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("build failed", result.Error, StringComparison.Ordinal);
        Assert.Empty(result.PacCalls);
    }

    [Fact]
    public void A_failed_sign_in_imports_nothing()
    {
        _deploy.WriteConfig(DeployScript.ValidConfig());
        _deploy.CreateZips();
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
        Assert.Contains("dotnet tool install --global Microsoft.PowerApps.CLI.Tool", result.Error, StringComparison.Ordinal);
        Assert.Empty(result.DotnetCalls);
    }

    public static TheoryData<string, string?, string> BadConfigurations => new()
    {
        { "missing file", null, "no configuration at" },
        { "not JSON", """{ "environmentUrl": "https://contoso.crm.dynamics.com", """, "is not valid JSON" },
        { "an array", """["https://contoso.crm.dynamics.com"]""", "is not valid JSON" },
        { "text after the object", DeployScript.ValidConfig() + " }", "is not valid JSON" },
        { "missing key", DeployScript.ValidConfigWithout("environmentUrl"), "\"environmentUrl\" is missing or empty" },
        { "misspelt key", DeployScript.ValidConfig().Replace("\"solutionFolder\"", "\"solutionDir\"", StringComparison.Ordinal), "unknown key \"solutionDir\"" },
        { "the key of one zip from before the split", DeployScript.ValidConfig().Replace("\"solutionFolder\"", "\"zipPath\"", StringComparison.Ordinal), "\"zipPath\" is now \"solutionFolder\"" },
        { "empty value", DeployScript.ValidConfig().Replace("\"idf\"", "\"\"", StringComparison.Ordinal), "\"publisherPrefix\" is missing or empty" },
        { "a number", DeployScript.ValidConfig().Replace("\"deviceCode\"", "1", StringComparison.Ordinal), "\"auth\" must be a string" },
        { "duplicate key", DeployScript.ValidConfig().Replace("\"auth\"", "\"solutionName\": \"CustomerIdentification\", \"auth\"", StringComparison.Ordinal), "\"solutionName\" appears twice" },
        { "a secret in the file", DeployScript.ValidConfig().Replace("\"auth\"", "\"clientSecret\": \"x\", \"auth\"", StringComparison.Ordinal), "unknown key \"clientSecret\"" },
        { "http URL", DeployScript.ValidConfig().Replace("https://", "http://", StringComparison.Ordinal), "environmentUrl must start with https://" },
        { "URL of a page", DeployScript.ValidConfig().Replace(".com\"", ".com/main.aspx?appid=1\"", StringComparison.Ordinal), "the environment's address only" },
        { "example URL", DeployScript.ValidConfig().Replace("contoso", "yourorg", StringComparison.Ordinal), "still the example" },
        { "another solution", DeployScript.ValidConfig().Replace("\"CustomerIdentification\"", "\"Other\"", StringComparison.Ordinal), "Solution/ builds 'CustomerIdentification'" },
        { "another prefix", DeployScript.ValidConfig().Replace("\"idf\"", "\"new\"", StringComparison.Ordinal), "publisher uses 'idf'" },
        { "unknown auth", DeployScript.ValidConfig("password"), "auth must be interactive, deviceCode or servicePrincipal" },
        { "service principal without credentials", DeployScript.ValidConfig("servicePrincipal"), "environment variable PAC_TENANT_ID is not set" },
        { "a zip for the folder", DeployScript.ValidConfig(solutionFolder: "Solution/bin/Release/CustomerIdentification.zip"), "solutionFolder is the folder the solution zips are built into, not a zip" },
    };

    [Theory]
    [MemberData(nameof(BadConfigurations))]
    public void A_bad_configuration_is_refused_before_anything_runs(string problem, string? config, string message)
    {
        if (config != null) _deploy.WriteConfig(config);
        _deploy.CreateZips();

        var result = _deploy.Run("--config", _deploy.ConfigPath);

        Assert.True(result.ExitCode == 2, $"{problem}: exit {result.ExitCode}");
        Assert.Contains(message, result.Error, StringComparison.Ordinal);
        Assert.Empty(result.DotnetCalls);
        Assert.Empty(result.PacCalls);
    }

    [Fact]
    public void Missing_zips_are_refused_before_pac_runs_when_told_not_to_build()
    {
        _deploy.WriteConfig(DeployScript.ValidConfig());

        var result = _deploy.Run("--config", _deploy.ConfigPath, "--no-build");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("there are no solution zips in", result.Error, StringComparison.Ordinal);
        Assert.Empty(result.PacCalls);
    }

    [Fact]
    public void A_channel_zip_missing_beside_its_import_order_is_refused_before_pac_runs()
    {
        _deploy.WriteConfig(DeployScript.ValidConfig());
        _deploy.CreateZips();
        File.Delete(_deploy.ZipOf(SolutionPackage.Voice));

        var result = _deploy.Run("--config", _deploy.ConfigPath, "--no-build");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"the solution zip {_deploy.ZipOf(SolutionPackage.Voice)} does not exist", result.Error, StringComparison.Ordinal);
        Assert.Empty(result.PacCalls);
    }

    private string[] Import(string solution) => ["solution", "import", "--path", _deploy.ZipOf(solution), "--activate-plugins"];
}
