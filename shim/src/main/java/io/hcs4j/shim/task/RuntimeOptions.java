package io.hcs4j.shim.task;

import com.google.protobuf.Any;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.InvalidProtocolBufferException;
import io.hcs4j.shim.api.runhcs.Options;
import io.hcs4j.uvm.VmAnnotations;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The runhcs options of a Create: containerd's {@code containerd.runhcs.v1.Options} as it is, or (what {@code ctr run
 * --runtime-config-path} sends) {@code runtimeoptions.v1.Options}, whose config file holds the options as the TOML
 * keys containerd's CRI config uses for runhcs ({@code SandboxIsolation = 1}, {@code VmMemorySizeInMb = 2048}...,
 * one {@code key = value} per line, the key matching the field name without case or underscores). Anything else
 * means the defaults. The options' VM sizing then fills the spec's annotations ({@link #annotations}).
 */
public final class RuntimeOptions {
    static final String RUNHCS_TYPE = "containerd.runhcs.v1.Options";
    static final String CONFIG_FILE_TYPE = "runtimeoptions.v1.Options";

    private RuntimeOptions() {
    }

    static Options of(Any any, Options defaults) {
        String type = any.getTypeUrl();
        try {
            if (type.endsWith(RUNHCS_TYPE)) {
                return Options.parseFrom(any.getValue());
            }
            if (type.endsWith(CONFIG_FILE_TYPE)) {
                return fromConfig(any);
            }
        } catch (InvalidProtocolBufferException e) {
            throw TaskException.invalid("runtime options are not a valid " + type + ": " + e.getMessage());
        }
        return defaults;
    }

    /**
     * The spec's annotations with the options' VM boot files and sizing and default container annotations filled in,
     * as hcsshim's {@code oci.UpdateSpecFromOptions} (the one place options become annotations): an option fills an
     * annotation the spec does not set, never overrides one.
     *
     * @throws IllegalArgumentException for a negative VM size
     */
    public static Map<String, String> annotations(Map<String, String> annotations, Options options) {
        if (options.getVmMemorySizeInMb() < 0 || options.getVmProcessorCount() < 0) {
            throw new IllegalArgumentException("runtime options: vm_memory_size_in_mb and vm_processor_count must not "
                    + "be negative (" + options.getVmMemorySizeInMb() + ", " + options.getVmProcessorCount() + ")");
        }
        Map<String, String> out = new LinkedHashMap<>(annotations);
        if (!options.getBootFilesRootPath().isEmpty()) {
            out.putIfAbsent(VmAnnotations.BOOT_FILES_ROOT_PATH, options.getBootFilesRootPath());
        }
        if (options.getVmProcessorCount() != 0) {
            out.putIfAbsent(VmAnnotations.PROCESSOR_COUNT, Integer.toString(options.getVmProcessorCount()));
        }
        if (options.getVmMemorySizeInMb() != 0) {
            out.putIfAbsent(VmAnnotations.MEMORY_SIZE_IN_MB, Integer.toString(options.getVmMemorySizeInMb()));
        }
        options.getDefaultContainerAnnotationsMap().forEach(out::putIfAbsent);
        return out;
    }

    /** runtimeoptions.v1.Options: type_url = 1, config_path = 2, config_body = 3 (the file's content, newer). */
    private static Options fromConfig(Any any) throws InvalidProtocolBufferException {
        String path = "";
        String body = null;
        try {
            CodedInputStream in = any.getValue().newCodedInput();
            for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
                switch (tag >>> 3) {
                    case 2 -> path = in.readString();
                    case 3 -> body = in.readBytes().toString(StandardCharsets.UTF_8);
                    default -> in.skipField(tag);
                }
            }
        } catch (InvalidProtocolBufferException e) {
            throw e;
        } catch (IOException e) {
            throw new InvalidProtocolBufferException(e);
        }
        if (body == null || body.isEmpty()) {
            if (path.isEmpty()) {
                return Options.getDefaultInstance();
            }
            try {
                body = Files.readString(Path.of(path));
            } catch (IOException e) {
                throw TaskException.invalid("the runtime config file " + path + " cannot be read: " + e.getMessage());
            }
        }
        return parseToml(body, path);
    }

    /** Top-level {@code key = value} lines: integers, booleans, enum numbers or names, quoted strings. */
    static Options parseToml(String text, String source) {
        Options.Builder b = Options.newBuilder();
        int n = 0;
        for (String raw : text.split("\n")) {
            n++;
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq < 0) {
                throw TaskException.invalid(source + ":" + n + ": expected key = value");
            }
            String key = line.substring(0, eq).strip();
            String value = line.substring(eq + 1).strip();
            FieldDescriptor field = field(key);
            if (field == null || field.isRepeated() || field.isMapField()) {
                throw TaskException.invalid(source + ":" + n + ": " + key + " is not a runhcs option this file can set");
            }
            try {
                b.setField(field, value(field, value));
            } catch (IllegalArgumentException e) {
                throw TaskException.invalid(source + ":" + n + ": " + key + " = " + value + ": " + e.getMessage());
            }
        }
        return b.build();
    }

    private static FieldDescriptor field(String key) {
        String wanted = key.replace("_", "").toLowerCase(Locale.ROOT);
        for (FieldDescriptor f : Options.getDescriptor().getFields()) {
            if (f.getName().replace("_", "").toLowerCase(Locale.ROOT).equals(wanted)) {
                return f;
            }
        }
        return null;
    }

    private static Object value(FieldDescriptor field, String value) {
        String unquoted = value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
                ? value.substring(1, value.length() - 1) : value;
        return switch (field.getJavaType()) {
            case INT -> Integer.parseInt(value);
            case LONG -> Long.parseLong(value);
            case BOOLEAN -> switch (value) {
                case "true" -> true;
                case "false" -> false;
                default -> throw new IllegalArgumentException("not true or false");
            };
            case STRING -> unquoted;
            case ENUM -> {
                EnumValueDescriptor e = unquoted.matches("-?[0-9]+")
                        ? field.getEnumType().findValueByNumber(Integer.parseInt(unquoted))
                        : field.getEnumType().findValueByName(unquoted.toUpperCase(Locale.ROOT));
                if (e == null) {
                    throw new IllegalArgumentException("not a " + field.getEnumType().getName());
                }
                yield e;
            }
            default -> throw new IllegalArgumentException("unsupported type " + field.getJavaType());
        };
    }
}
