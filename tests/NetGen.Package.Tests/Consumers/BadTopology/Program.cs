Console.WriteLine(new BadTopologyConsumer.BadNet());
