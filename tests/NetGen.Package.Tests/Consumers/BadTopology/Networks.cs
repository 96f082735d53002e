using NetGen;

namespace BadTopologyConsumer;

// 'x' is not a layer width: NetGen must stop the build with NG0010 pointing at it.
[Network("2-x-2", Activation.Sigmoid)]
public partial class BadNet { }
