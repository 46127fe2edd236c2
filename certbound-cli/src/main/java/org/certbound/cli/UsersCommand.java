package org.certbound.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.certbound.server.security.file.FileUsers;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code certbound users}: manages the file realm's {@code users} and {@code users_roles} files. A running node
 * picks up the changes within {@code resource.reload.interval.high}.
 */
@Command(
        name = "users",
        mixinStandardHelpOptions = true,
        description = "Manages the file realm users in <config>/users and <config>/users_roles.",
        subcommands = {
            UsersCommand.UserAdd.class,
            UsersCommand.Passwd.class,
            UsersCommand.Roles.class,
            UsersCommand.ListUsers.class,
            UsersCommand.UserDel.class
        })
final class UsersCommand implements Runnable {

    @Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The base of the users subcommands: the realm files, and a failure reported as one line and exit code 1. */
    abstract static class Base extends ConfigDirCommand implements Callable<Integer> {

        @Override
        public final Integer call() {
            try {
                return execute();
            } catch (IOException | IllegalArgumentException e) {
                err().println("certbound users: " + e.getMessage());
                return 1;
            }
        }

        abstract int execute() throws IOException;

        Path usersFile() {
            return configDir().resolve(FileUsers.USERS_FILE);
        }

        Path usersRolesFile() {
            return configDir().resolve(FileUsers.USERS_ROLES_FILE);
        }

        Map<String, String> users() throws IOException {
            return new TreeMap<>(FileUsers.readUsers(usersFile()));
        }

        Map<String, List<String>> roles() throws IOException {
            return new TreeMap<>(FileUsers.readUsersRoles(usersRolesFile()));
        }

        // The password comes from the console, or from standard input, never from an argument: arguments show in
        // the process list and in the shell history.
        String hashPassword() throws IOException {
            char[] password = terminal.readNewSecret(
                    "Enter the password", spec.commandLine().getErr());
            try {
                FileUsers.validatePassword(password);
                return FileUsers.hash(password);
            } finally {
                Arrays.fill(password, '\0');
            }
        }

        void requireUser(Map<String, String> users, String name) {
            if (!users.containsKey(name)) {
                throw new IllegalArgumentException("user [" + name + "] does not exist in [" + usersFile() + "]");
            }
        }
    }

    static List<String> splitRoles(String roles) {
        List<String> result = new ArrayList<>();
        if (roles != null) {
            for (String role : roles.split(",")) {
                if (!role.isBlank()) {
                    FileUsers.validateName("role", role.trim());
                    result.add(role.trim());
                }
            }
        }
        return result;
    }

    @Command(name = "useradd", mixinStandardHelpOptions = true, description = "Adds a user.")
    static final class UserAdd extends Base {

        @Parameters(paramLabel = "NAME", description = "The username.")
        String name;

        @Option(
                names = {"-r", "--roles"},
                paramLabel = "ROLES",
                description = "Comma-separated roles.")
        String rolesOption;

        @Override
        int execute() throws IOException {
            FileUsers.validateName("user", name);
            FileUsers.rejectReservedName(name);
            Map<String, String> users = users();
            if (users.containsKey(name)) {
                throw new IllegalArgumentException("user [" + name + "] already exists; use [certbound users passwd]");
            }
            List<String> newRoles = splitRoles(rolesOption);
            users.put(name, hashPassword());
            Map<String, List<String>> roles = roles();
            if (!newRoles.isEmpty()) {
                roles.put(name, newRoles);
            }
            FileUsers.writeUsers(usersFile(), users);
            FileUsers.writeUsersRoles(usersRolesFile(), roles);
            return 0;
        }
    }

    @Command(name = "passwd", mixinStandardHelpOptions = true, description = "Changes a user's password.")
    static final class Passwd extends Base {

        @Parameters(paramLabel = "NAME", description = "The username.")
        String name;

        @Override
        int execute() throws IOException {
            Map<String, String> users = users();
            requireUser(users, name);
            users.put(name, hashPassword());
            FileUsers.writeUsers(usersFile(), users);
            return 0;
        }
    }

    @Command(name = "roles", mixinStandardHelpOptions = true, description = "Adds or removes roles of a user.")
    static final class Roles extends Base {

        @Parameters(paramLabel = "NAME", description = "The username.")
        String name;

        @Option(
                names = {"-a", "--add"},
                paramLabel = "ROLES",
                description = "Comma-separated roles to add.")
        String add;

        @Option(
                names = {"-r", "--remove"},
                paramLabel = "ROLES",
                description = "Comma-separated roles to remove.")
        String remove;

        @Override
        int execute() throws IOException {
            requireUser(users(), name);
            Map<String, List<String>> roles = roles();
            Set<String> current = new LinkedHashSet<>(roles.getOrDefault(name, List.of()));
            current.addAll(splitRoles(add));
            splitRoles(remove).forEach(current::remove);
            if (current.isEmpty()) {
                roles.remove(name);
            } else {
                roles.put(name, List.copyOf(current));
            }
            FileUsers.writeUsersRoles(usersRolesFile(), roles);
            out().println(name + ": " + String.join(",", current));
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists users and their roles.")
    static final class ListUsers extends Base {

        @Parameters(arity = "0..1", paramLabel = "NAME", description = "Only this user.")
        String name;

        @Override
        int execute() throws IOException {
            Map<String, String> users = users();
            Map<String, List<String>> roles = roles();
            if (name != null) {
                requireUser(users, name);
            }
            for (String user : users.keySet()) {
                if (name == null || name.equals(user)) {
                    List<String> assigned = roles.getOrDefault(user, List.of());
                    out().println(user + ": " + (assigned.isEmpty() ? "-" : String.join(",", assigned)));
                }
            }
            return 0;
        }
    }

    @Command(name = "userdel", mixinStandardHelpOptions = true, description = "Deletes a user and its roles.")
    static final class UserDel extends Base {

        @Parameters(paramLabel = "NAME", description = "The username.")
        String name;

        @Override
        int execute() throws IOException {
            Map<String, String> users = users();
            requireUser(users, name);
            users.remove(name);
            Map<String, List<String>> roles = roles();
            roles.remove(name);
            FileUsers.writeUsers(usersFile(), users);
            FileUsers.writeUsersRoles(usersRolesFile(), roles);
            return 0;
        }
    }
}
