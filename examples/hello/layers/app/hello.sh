# The example container's init process. Its working directory, C:\, is the container's root: the writable layer with the
# parent layers (app, then base) merged in.
echo "$GREETING"
echo "base layer: $(cat etc/motd)"
echo "app layer: $(cat app-version)"
echo "files at the root: $(ls | sort | tr '\n' ' ')"
