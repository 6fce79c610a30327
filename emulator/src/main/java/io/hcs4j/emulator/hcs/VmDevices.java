package io.hcs4j.emulator.hcs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hcs4j.hcs.raw.HResults;
import io.hcs4j.platform.FileTrees;
import io.hcs4j.uvm.LcowDocument;
import io.hcs4j.platform.PrivateDirectory;
import io.hcs4j.uvm.transport.HvSocketDirs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The hot-pluggable hardware of an emulated VM: Plan9 shares, SCSI attachments and vPMem devices added and removed
 * by HCS modify requests. The guest sees them in the VM's device directory ({@code <vm socket dir>/devices}), where
 * each device is a symbolic link to its host path: {@code plan9/<AccessName>}, {@code scsi/<controller index>-<lun>}
 * (the controller's position in {@link LcowDocument#SCSI_CONTROLLER_IDS}) and {@code vpmem/<device number>}.
 * HCS checks a device before it plugs it in, and so does this: a missing host path is ERROR_FILE_NOT_FOUND (as HCS
 * reports a missing VHD), a taken slot or share name ERROR_ALREADY_EXISTS, removing what is not there
 * E_ELEMENT_NOT_FOUND.
 */
final class VmDevices {
    private static final Logger LOG = LoggerFactory.getLogger(VmDevices.class);

    /** A Hyper-V synthetic SCSI controller has 64 LUNs. */
    private static final int LUNS_PER_CONTROLLER = 64;

    private static final String PLAN9 = "VirtualMachine/Devices/Plan9/Shares";
    private static final Pattern SCSI = Pattern.compile("VirtualMachine/Devices/Scsi/([^/]+)/Attachments/([0-9]{1,9})");
    private static final Pattern VPMEM = Pattern.compile("VirtualMachine/Devices/VirtualPMem/Devices/([0-9]{1,9})");

    private final String vmId;
    private final JsonNode devicesConfig;
    private final Path dir;
    /** Set when the VM's socket directory did not exist (no guest launcher) and the first device made it. */
    private boolean madeVmDir;
    /** Set once the VM stopped: a modify racing the stop must not plug a device in afterwards. */
    private boolean stopped;

    /** {@code vm} is the VirtualMachine object of the system's document (its controllers bound what can be added). */
    VmDevices(String vmId, JsonNode vm) {
        this.vmId = vmId;
        this.devicesConfig = vm.path("Devices");
        this.dir = HvSocketDirs.forVm(vmId).resolve("devices");
    }

    /** Whether a resource path names a device this class plugs in. */
    static boolean handles(String resourcePath) {
        return resourcePath.equals(PLAN9) || SCSI.matcher(resourcePath).matches()
                || VPMEM.matcher(resourcePath).matches();
    }

    /** Adds or removes the device of a request whose path {@link #handles}; {@code settings} may be missing. */
    synchronized void modify(String type, String resourcePath, JsonNode settings) {
        if (stopped) {
            throw new HcsFault(HResults.HCS_E_INVALID_STATE, "modify is not valid in state STOPPED");
        }
        boolean add = switch (type) {
            case "Add" -> true;
            case "Remove" -> false;
            default -> throw new HcsFault(HResults.E_NOT_SUPPORTED, type + " of " + resourcePath + " is not supported");
        };
        Matcher scsi = SCSI.matcher(resourcePath);
        Matcher vpmem = VPMEM.matcher(resourcePath);
        if (resourcePath.equals(PLAN9)) {
            ObjectNode share = settings(settings, io.hcs4j.schema.v2.Plan9Share.class, "Plan9Share");
            String name = share.path("AccessName").asText(share.path("Name").asText(""));
            if (name.isEmpty() || name.contains("/") || name.startsWith(".")) {
                throw new HcsFault(HResults.E_INVALIDARG, "a Plan9 share needs a Name and AccessName without '/'");
            }
            if (add) {
                plug("plan9/" + name, share.path("Path").asText(""), true);
            } else {
                unplug("plan9/" + name);
            }
        } else if (scsi.matches()) {
            String controller = scsi.group(1).toLowerCase(Locale.ROOT);
            int index = LcowDocument.SCSI_CONTROLLER_IDS.indexOf(controller);
            int lun = Integer.parseInt(scsi.group(2));
            if (index < 0 || !devicesConfig.path("Scsi").has(controller)) {
                throw new HcsFault(HResults.E_INVALIDARG, "the VM has no SCSI controller " + scsi.group(1));
            }
            if (lun >= LUNS_PER_CONTROLLER) {
                throw new HcsFault(HResults.E_INVALIDARG, "LUN " + lun + " is out of range (0-"
                        + (LUNS_PER_CONTROLLER - 1) + ")");
            }
            String key = "scsi/" + index + "-" + lun;
            if (add) {
                ObjectNode attachment = settings(settings, io.hcs4j.schema.v2.Attachment.class, "Attachment");
                plug(key, attachment.path("Path").asText(""), false);
            } else {
                unplug(key);
            }
        } else if (vpmem.matches()) {
            int slot = Integer.parseInt(vpmem.group(1));
            JsonNode controller = devicesConfig.path("VirtualPMem");
            if (!controller.isObject()) {
                throw new HcsFault(HResults.E_INVALIDARG, "the VM has no vPMem controller");
            }
            if (slot >= controller.path("MaximumCount").asInt(0)) {
                throw new HcsFault(HResults.E_INVALIDARG, "vPMem device " + slot + " is out of range (MaximumCount "
                        + controller.path("MaximumCount").asInt(0) + ")");
            }
            String key = "vpmem/" + slot;
            if (add) {
                ObjectNode device = settings(settings, io.hcs4j.schema.v2.VirtualPMemDevice.class, "VirtualPMemDevice");
                String hostPath = device.path("HostPath").asText("");
                long maximumSize = controller.path("MaximumSizeBytes").asLong(0);
                if (maximumSize > 0 && sizeOf(hostPath) > maximumSize) {
                    throw new HcsFault(HResults.E_INVALIDARG, hostPath + " is larger than the VM's vPMem devices ("
                            + maximumSize + " bytes)");
                }
                plug(key, hostPath, false);
            } else {
                unplug(key);
            }
        } else {
            throw new IllegalArgumentException(resourcePath);
        }
    }

    private static ObjectNode settings(JsonNode settings, Class<?> type, String what) {
        if (settings == null || !settings.isObject()) {
            throw new HcsFault(HResults.E_INVALIDARG, "the request needs " + what + " Settings");
        }
        return JsonDocs.typed(settings.toString(), type, what + " settings");
    }

    /** The size of a regular file, 0 for anything else (plug reports a missing one). */
    private static long sizeOf(String hostPath) {
        try {
            Path p = Path.of(hostPath);
            return Files.isRegularFile(p) ? Files.size(p) : 0;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private void plug(String key, String hostPath, boolean directory) {
        if (hostPath.isEmpty()) {
            throw new HcsFault(HResults.E_INVALIDARG, key + ": the settings name no host path");
        }
        Path target = Path.of(hostPath).toAbsolutePath();
        if (!Files.exists(target)) {
            throw new HcsFault(HResults.E_FILE_NOT_FOUND, "The system cannot find the file specified: " + hostPath);
        }
        if (directory && !Files.isDirectory(target)) {
            throw new HcsFault(HResults.E_INVALIDARG, "a Plan9 share must be a directory: " + hostPath);
        }
        Path entry = dir.resolve(key);
        if (Files.exists(entry, LinkOption.NOFOLLOW_LINKS)) {
            throw new HcsFault(HResults.E_ALREADY_EXISTS, key + " of " + vmId + " is already in use");
        }
        try {
            madeVmDir |= !Files.exists(dir.getParent());
            PrivateDirectory.create(dir.getParent()); // the VM's socket directory: ours alone, or refused
            Files.createDirectories(entry.getParent());
            Files.createSymbolicLink(entry, target);
        } catch (IOException e) {
            throw new HcsFault(HResults.E_FAIL, "cannot add " + key + " to " + vmId + ": " + e);
        }
        LOG.debug("{}: {} -> {}", vmId, key, target);
    }

    private void unplug(String key) {
        Path entry = dir.resolve(key);
        try {
            if (!Files.deleteIfExists(entry)) {
                throw new HcsFault(HResults.E_ELEMENT_NOT_FOUND, key + " is not present in " + vmId);
            }
        } catch (IOException e) {
            throw new HcsFault(HResults.E_FAIL, "cannot remove " + key + " from " + vmId + ": " + e);
        }
    }

    /** The VM stopped: its device directory goes (links only; the host paths behind them stay). */
    synchronized void removeAll() {
        stopped = true;
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try {
            FileTrees.delete(dir);
            if (madeVmDir) {
                Files.deleteIfExists(dir.getParent());
            }
        } catch (IOException e) {
            LOG.warn("{}: device directory {} not removed: {}", vmId, dir, e.toString());
        }
    }
}
