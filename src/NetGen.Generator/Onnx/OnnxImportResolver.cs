using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using NetGen.Generator.Diagnostics;
using NetGen.Generator.Model;
using NetGen.Generator.Parsing;
using NetGen.Generator.Planning;

namespace NetGen.Generator.Onnx;

/// <summary>
/// Joins an <see cref="OnnxImportRequest"/> with the model file it names and builds the
/// <see cref="NetworkSpec"/>, or the diagnostics that say why not: the model is missing (NG0200),
/// uses an operator NetGen cannot compile (NG0201), has a shape it cannot (NG0202), is malformed
/// (NG0203), or disagrees with an argument of the attribute (NG0204). The network's own limits
/// (NG0011, NG0013, NG0014, NG0015) and the code-style report (NG0100-NG0102) are
/// <see cref="NetworkValidator"/>'s, as for any network.
/// </summary>
internal static class OnnxImportResolver
{
    public static ParsedDeclaration Resolve(OnnxImportRequest request, ImmutableArray<OnnxModelFile> models)
    {
        var diagnostics = new List<DiagnosticInfo>();
        LocationInfo? at = request.LocationOf("OnnxModel");
        OnnxModelFile? file = Find(request, models, diagnostics);
        if (file is null)
        {
            return Failed(diagnostics);
        }
        if (file.Error is { } error)
        {
            diagnostics.Add(error.Kind switch
            {
                ImportErrorKind.UnsupportedOperator => Info(DiagnosticDescriptors.UnsupportedOnnxOperator, at, request.ModelPath, error.Operator, error.Node),
                ImportErrorKind.UnsupportedStructure => Info(DiagnosticDescriptors.UnsupportedOnnxStructure, at, request.ModelPath, error.Detail),
                ImportErrorKind.Malformed => Info(DiagnosticDescriptors.MalformedOnnxModel, at, request.ModelPath, error.Detail),
                ImportErrorKind.NotFinite => Info(DiagnosticDescriptors.NonFiniteOnnxWeight, at, request.ModelPath, error.Detail),
                ImportErrorKind.TooLarge => NetworkValidator.ModelTooLarge(at, error.Detail, error.Limit),
                _ => Info(DiagnosticDescriptors.OnnxModelNotFound, at, request.ModelPath, "could not be read: " + error.Detail),
            });
            return Failed(diagnostics);
        }

        ImportedNetwork model = file.Network!;
        CheckAgreement(request, model, diagnostics);
        if (diagnostics.Count > 0)
        {
            return Failed(diagnostics);
        }

        PrecisionKind precision = request.Precision ?? model.Precision;
        if (precision == PrecisionKind.Single && model.Precision == PrecisionKind.Double && model.SingleOverflow is { } overflow)
        {
            // Narrowing would turn the weight into an infinity; refused with the weight at fault (NG0205).
            diagnostics.Add(Info(DiagnosticDescriptors.NonFiniteOnnxWeight, request.LocationOf("Precision"), request.ModelPath, overflow + ", with Precision = Precision.Single"));
            return Failed(diagnostics);
        }
        EquatableArray<double> parameters = precision == PrecisionKind.Single && model.Precision == PrecisionKind.Double
            ? model.Parameters.Select(p => (double)(float)p).ToEquatableArray()
            : model.Parameters;
        var spec = new NetworkSpec(
            request.Type, OnnxTopologyText.Of(model), model.InputCount, model.Layers, model.Bias, request.TrainBiases, request.Loss,
            precision, model.LeakyReLUSlope, request.CodeStyle)
        {
            InputShape = model.InputShape,
            OnnxModel = request.ModelPath,
            InitialParameters = parameters,
        };
        return Validate(request, spec, diagnostics);
    }

    /// <summary>The file whose path ends with the requested one at a folder boundary ("model.onnx" finds ".../Models/model.onnx").</summary>
    private static OnnxModelFile? Find(OnnxImportRequest request, ImmutableArray<OnnxModelFile> models, List<DiagnosticInfo> diagnostics)
    {
        string wanted = Normalize(request.ModelPath);
        while (wanted.StartsWith("./", StringComparison.Ordinal))
        {
            wanted = wanted.Substring(2);
        }
        var matches = models.Where(m =>
        {
            string path = Normalize(m.Path);
            return path.Equals(wanted, StringComparison.OrdinalIgnoreCase)
                || path.EndsWith("/" + wanted, StringComparison.OrdinalIgnoreCase);
        }).ToList();
        LocationInfo? at = request.LocationOf("OnnxModel");
        if (matches.Count == 1)
        {
            return matches[0];
        }
        string why = matches.Count == 0
            ? $"matches no AdditionalFiles item ({(models.Length == 0 ? "the project lists no .onnx files" : "listed: " + string.Join(", ", models.Select(m => System.IO.Path.GetFileName(m.Path))))}); add <AdditionalFiles Include=\"{request.ModelPath}\" /> to the project file"
            : $"matches {matches.Count} AdditionalFiles items ({string.Join(", ", matches.Select(m => m.Path))}); give more of its path";
        diagnostics.Add(Info(DiagnosticDescriptors.OnnxModelNotFound, at, request.ModelPath, why));
        return null;
    }

    private static string Normalize(string path) => path.Replace('\\', '/');

    private static void CheckAgreement(OnnxImportRequest request, ImportedNetwork model, List<DiagnosticInfo> diagnostics)
    {
        void Disagree(string argument, string given, string actual) =>
            diagnostics.Add(Info(DiagnosticDescriptors.OnnxModelContradictsAttribute, request.LocationOf(argument), request.ModelPath, given, actual));

        string modelTopology = OnnxTopologyText.Of(model);
        if (request.Topology is not null)
        {
            var (tokens, error) = TopologyParser.Parse(request.Topology);
            ActivationKind hidden = request.Activation!.Value;
            var (declared, layerError) = error is null ? TopologyLayers.Build(tokens!, hidden, request.Output ?? hidden) : (null, error);
            bool agrees = layerError is null && declared!.InputCount == model.InputCount && declared.InputShape == model.InputShape
                && declared.Layers.Count == model.Layers.Count;
            for (int k = 0; agrees && k < model.Layers.Count; k++)
            {
                // "padding=1" and ONNX's pads [1, 1, 1, 1] are one layer: compare the resolved numbers, not how they were written.
                agrees = declared!.Layers[k] with { SamePadding = false } == model.Layers[k] with { SamePadding = false };
            }
            if (!agrees)
            {
                Disagree("topology", $"topology {CSharpText.StringLiteral(request.Topology)} with activation {request.Activation}{(request.Output is { } o ? " and output " + o : "")}", $"\"{modelTopology}\"");
            }
        }
        else if (request.Output is { } output && output != model.Layers[model.Layers.Count - 1].Activation)
        {
            Disagree("Output", "Output = Activation." + output, $"a {model.Layers[model.Layers.Count - 1].Activation} output layer (\"{modelTopology}\")");
        }
        if (request.Bias is { } bias && bias != model.Bias)
        {
            Disagree("Bias", "Bias = BiasMode." + bias, model.Bias == BiasKind.PerNeuron ? "one bias per unit" : "one bias per layer");
        }
        bool hasLeaky = model.Layers.Any(l => l.Activation == ActivationKind.LeakyReLU);
        if (request.LeakyReLUSlope is { } slope && hasLeaky && !SameSlope(slope, model))
        {
            Disagree("LeakyReLUSlope", "LeakyReLUSlope = " + slope.ToString("R", CultureInfo.InvariantCulture),
                "slope " + model.LeakyReLUSlope.ToString("R", CultureInfo.InvariantCulture));
        }
    }

    /// <summary>A float model stores its slope as a float: 0.1 in the attribute is the model's 0.1f.</summary>
    private static bool SameSlope(double declared, ImportedNetwork model) =>
        model.Precision == PrecisionKind.Single ? (float)declared == (float)model.LeakyReLUSlope : declared == model.LeakyReLUSlope;

    /// <summary>The checks every network gets (<see cref="NetworkValidator"/>), at the model's name or the argument at fault.</summary>
    private static ParsedDeclaration Validate(OnnxImportRequest request, NetworkSpec draft, List<DiagnosticInfo> diagnostics)
    {
        NetworkSpec? spec = NetworkValidator.Validate(draft, new RequestLocator(request), diagnostics);
        return spec is null ? Failed(diagnostics) : new ParsedDeclaration.Network(spec, diagnostics.ToEquatableArray());
    }

    /// <summary>Where the parts of an ONNX declaration are: the model decides the layers, so reports about them go to its name.</summary>
    private sealed class RequestLocator : ArgumentLocator
    {
        private readonly OnnxImportRequest _request;

        public RequestLocator(OnnxImportRequest request) => _request = request;

        public override LocationInfo? Class => _request.ClassLocation;

        public override LocationInfo? Layers => _request.LocationOf("OnnxModel");

        public override LocationInfo? LayerActivation(int layer) => _request.LocationOf("OnnxModel");

        public override LocationInfo? Named(string name) => _request.LocationOf(name);
    }

    private static ParsedDeclaration Failed(List<DiagnosticInfo> diagnostics) => new ParsedDeclaration.Rejected(diagnostics.ToEquatableArray());

    private static DiagnosticInfo Info(Microsoft.CodeAnalysis.DiagnosticDescriptor descriptor, LocationInfo? location, params string[] arguments) =>
        DiagnosticInfo.At(descriptor, location, arguments);
}
