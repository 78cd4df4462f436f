#!/usr/bin/env bash
# Installs the Debian packages the test suite needs when they are missing:
#   chromium          browser tests (Playwright cannot download its own browser here)
#   dcmtk, libgdcm-tools   JPEG-LS / JPEG 2000 variants of the synthetic study, dsrdump
#   dicom3tools       dciodvfy, to validate exported DICOM
#   python3-pydicom, python3-nibabel   real scanner files the ingest is tested on
#   orthanc, orthanc-dicomweb   a real PACS (DICOMweb) for the browser tests of opening studies from a PACS
set -euo pipefail
need=()
[ -x /usr/lib/chromium/chromium ] || need+=(chromium)
command -v dcmcjpls >/dev/null 2>&1 || need+=(dcmtk)
command -v gdcmconv >/dev/null 2>&1 || need+=(libgdcm-tools)
command -v dciodvfy >/dev/null 2>&1 || need+=(dicom3tools)
[ -d /usr/lib/python3/dist-packages/pydicom/data/test_files ] || need+=(python3-pydicom)
[ -d /usr/lib/python3/dist-packages/nibabel/nicom/tests/data ] || need+=(python3-nibabel)
[ -x /usr/sbin/Orthanc ] || need+=(orthanc)
[ -f /usr/share/orthanc/plugins/libOrthancDicomWeb.so ] || need+=(orthanc-dicomweb)
[ ${#need[@]} -eq 0 ] && exit 0
echo "installing Debian packages: ${need[*]}"
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "cannot install ${need[*]}: run as root on Debian, or install them yourself" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
